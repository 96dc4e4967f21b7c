-- Generates :n leads for account :account straight into `leads` (bench/search-bench.sh), spread over
-- the account's lists the way a call center's data looks: a few big lists and several small ones,
-- mostly NEW/NA statuses, names drawn from common-name lists (plus a long tail of last names), 80% with an email, 30% with a cell
-- phone, created over the last 365 days (lead ids rise with created_at, as the id allocator makes
-- them), a third updated later, 1% soft-deleted. Variables: account, api_user, operator_user, n,
-- first_number (phones are +1 NPA 2xx-xxxx numbers numbered from here, unique per run).
-- phone_shard is not PhoneShardKey's hash (that lives in C#); nothing inserts into these accounts.
SELECT setseed(0.4242);

WITH lists AS (
    SELECT array_agg(list_id ORDER BY list_id) AS ids, array_agg(campaign_id ORDER BY list_id) AS campaigns
    FROM lists WHERE account_id = :account
), names AS (
    SELECT '{James,Mary,Robert,Patricia,John,Jennifer,Michael,Linda,David,Elizabeth,William,Barbara,Richard,Susan,Joseph,Jessica,Thomas,Sarah,Charles,Karen,Christopher,Lisa,Daniel,Nancy,Matthew,Betty,Anthony,Sandra,Mark,Margaret,Donald,Ashley,Steven,Kimberly,Andrew,Emily,Paul,Donna,Joshua,Michelle,Kenneth,Carol,Kevin,Amanda,Brian,Melissa,George,Deborah,Timothy,Stephanie,Ronald,Rebecca,Jason,Sharon,Edward,Laura,Jeffrey,Cynthia,Ryan,Dorothy,Jacob,Amy,Gary,Kathleen,Nicholas,Angela,Eric,Shirley,Jonathan,Emma,Stephen,Brenda,Larry,Pamela,Justin,Nicole,Scott,Anna,Brandon,Samantha,Benjamin,Katherine,Samuel,Christine,Gregory,Debra,Alexander,Rachel,Patrick,Carolyn,Frank,Janet,Raymond,Maria,Jack,Olivia,Dennis,Heather,Jerry,Helen}'::text[] AS firsts,
           '{Smith,Johnson,Williams,Brown,Jones,Garcia,Miller,Davis,Rodriguez,Martinez,Hernandez,Lopez,Gonzalez,Wilson,Anderson,Thomas,Taylor,Moore,Jackson,Martin,Lee,Perez,Thompson,White,Harris,Sanchez,Clark,Ramirez,Lewis,Robinson,Walker,Young,Allen,King,Wright,Scott,Torres,Nguyen,Hill,Flores,Green,Adams,Nelson,Baker,Hall,Rivera,Campbell,Mitchell,Carter,Roberts,Gomez,Phillips,Evans,Turner,Diaz,Parker,Cruz,Edwards,Collins,Reyes,Stewart,Morris,Morales,Murphy,Cook,Rogers,Gutierrez,Ortiz,Morgan,Cooper,Peterson,Bailey,Reed,Kelly,Howard,Ramos,Kim,Cox,Ward,Richardson,Watson,Brooks,Chavez,Wood,James,Bennett,Gray,Mendoza,Ruiz,Hughes,Price,Alvarez,Castillo,Sanders,Patel,Myers,Long,Ross,Foster,Jimenez,Powell,Jenkins,Perry,Russell,Sullivan,Bell,Coleman,Butler,Henderson,Barnes,Gonzales,Fisher,Vasquez,Simmons,Romero,Jordan,Patterson,Alexander,Hamilton,Graham,Reynolds,Griffin,Wallace,Moreno,West,Cole,Hayes,Bryant,Herrera,Gibson,Ellis,Tran,Medina,Aguilar,Stevens,Murray,Ford,Castro,Marshall,Owens,Harrison,Fernandez,McDonald,Woods,Washington,Kennedy,Wells,Vargas,Henry,Chen,Freeman,Webb,Tucker,Guzman,Burns,Crawford,Olson,Simpson,Porter,Hunter,Gordon,Mendez,Silva,Shaw,Snyder,Mason,Dixon,Munoz,Hunt,Hicks,Holmes,Palmer,Wagner,Black,Robertson,Boyd,Rose,Stone,Salazar,Fox,Warren,Mills,Meyer,Rice,Schmidt,Garza,Daniels,Ferguson,Nichols,Stephens,Soto,Weaver,Ryan,Gardner,Payne,Grant,Dunn}'::text[] AS lasts,
           '{Tampa:FL,Miami:FL,Orlando:FL,Atlanta:GA,Houston:TX,Dallas:TX,Austin:TX,Phoenix:AZ,Denver:CO,Chicago:IL,Detroit:MI,Columbus:OH,Charlotte:NC,Nashville:TN,Seattle:WA,Portland:OR,Boston:MA,Newark:NJ,Brooklyn:NY,Philadelphia:PA,Baltimore:MD,Richmond:VA,Louisville:KY,Memphis:TN,Omaha:NE,Tulsa:OK,Albuquerque:NM,Sacramento:CA,Fresno:CA,San Diego:CA}'::text[] AS cities,
           '{727,813,305,407,404,713,214,512,602,303,312,313,614,704,615,206,503,617,973,718,215,410,804,502,901,402,918,505,916,559}'::text[] AS areas,
           '{gmail.com,yahoo.com,hotmail.com,aol.com,outlook.com,icloud.com,comcast.net}'::text[] AS domains
), raw AS (
    SELECT i,
           random() AS r_list, random() AS r_status, random() AS r_first, random() AS r_last, random() AS r_city,
           random() AS r_email, random() AS r_alt, random() AS r_owner, random() AS r_by, random() AS r_mod,
           random() AS r_del, random() AS r_custom
    FROM generate_series(1, :n) AS g(i)
)
INSERT INTO leads (lead_id, account_id, list_id, campaign_id, phone_code, phone_number, phone_e164, phone_shard,
                   status, owner_id, first_name, last_name, email, alt_phone_1, city, state, postal_code, country,
                   custom_fields, created_by, modified_by, created_at, modified_at, deleted_at)
SELECT nextval('leads_lead_id_seq'), :account,
       lists.ids[pick], lists.campaigns[pick],
       1, national, '+1' || national, (i % 64)::smallint,
       CASE WHEN r_status < 0.45 THEN 'NEW' WHEN r_status < 0.65 THEN 'NA' WHEN r_status < 0.75 THEN 'CALLBK'
            WHEN r_status < 0.85 THEN 'A' WHEN r_status < 0.88 THEN 'SALE' WHEN r_status < 0.90 THEN 'DNC'
            WHEN r_status < 0.95 THEN 'B' ELSE 'XFER' END,
       CASE WHEN r_owner < 0.5 THEN 'agent' || lpad((1 + (r_owner * 40)::int)::text, 2, '0') END,
       first_name, last_name,
       CASE WHEN r_email < 0.8 THEN lower(first_name) || '.' || lower(last_name) || i || '@' || domains[1 + (r_email * 1000)::int % 7] END,
       CASE WHEN r_alt < 0.3 THEN '+1' || areas[1 + (i + 7) % 30] || (300 + (:first_number + i) / 10000 % 700) || lpad(((:first_number + i) % 10000)::text, 4, '0') END,
       split_part(city, ':', 1), split_part(city, ':', 2), lpad((10000 + (r_city * 89999)::int)::text, 5, '0'), 'US',
       CASE WHEN r_custom < 0.5 THEN jsonb_build_object('source', (ARRAY['web','tv','radio','referral'])[1 + (r_custom * 8)::int % 4]) ELSE '{}'::jsonb END,
       CASE WHEN r_by < 0.9 THEN :api_user ELSE :operator_user END,
       CASE WHEN r_by < 0.9 THEN :api_user ELSE :operator_user END,
       created, LEAST(now(), created + CASE WHEN r_mod < 0.33 THEN r_mod * interval '90 days' ELSE interval '0' END),
       CASE WHEN r_del < 0.01 THEN created + interval '1 day' END
FROM raw, lists, names,
     LATERAL (SELECT
         -- list sizes: list 1 gets 40%, list 2 25%, list 3 15%, the rest share 20%
         CASE WHEN r_list < 0.40 THEN 1 WHEN r_list < 0.65 THEN 2 WHEN r_list < 0.80 THEN 3
              ELSE 4 + (r_list * 1000)::int % greatest(cardinality(lists.ids) - 3, 1) END AS pick,
         areas[1 + i % 30] || (200 + (:first_number + i) / 10000 % 800) || lpad(((:first_number + i) % 10000)::text, 4, '0') AS national,
         firsts[1 + (r_first * 100)::int % 100] AS first_name,
         -- 90% from the 200 most common surnames, the rest a long tail of 40,000 double-barrelled
         -- ones, so the planner sees a realistic spread (a rare or absent name is estimated as rare)
         CASE WHEN r_last < 0.9 THEN lasts[1 + (r_last * 2000)::int % 200]
              ELSE lasts[1 + (r_last * 20000)::int % 200] || '-' || lasts[1 + (r_last * 4000000)::int % 200] END AS last_name,
         cities[1 + (r_city * 30)::int % 30] AS city,
         date_trunc('milliseconds', now() - interval '365 days' + (i::float8 / :n) * interval '365 days') AS created) AS v;
