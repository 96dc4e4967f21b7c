#!/usr/bin/env python3
"""Where the CPU of one insert goes, from a system-wide `perf record -a -g` of the Leadline run.

    perf script -F comm,pid,ip,sym,dso -i perf.data | perf-stages.py SILO_PID API_PID INSERTS_PER_S NCPU

Every sample counts once per stage whose pattern matches any frame of its call chain (inclusive
time; a class's pattern names its methods, `Class::` or `Class+<`, so a frame that only takes or returns
the class — e.g. a handler returning Task<ApiResult> — does not count for it), so stages of one process overlap (the handler contains the phone parsing). CPU microseconds
per insert = share of all samples x NCPU x 1e6 / inserts per second: perf samples every CPU at a
fixed rate, idle included, so the shares add up to the whole machine.

Co-hosted (SILO_PID == API_PID: the API host with its silo in one process), the process is one role,
"api host + silo", with the stages of both (the API host's first, then the silo's; the shared ones —
kernel, CLR, spinning, Orleans messaging — once).
"""
import re
import sys
from collections import Counter

STAGES = {
    "api host": [
        ("HTTP request in Kestrel (whole, incl. the handler)", r"Kestrel\.Core\.Internal\.Http\.HttpProtocol\+<ProcessRequests>"),
        ("  /v1 binding: parameters + token (ApiRequest.BindAsync)", r"ApiRequest\+<BindAsync>|ApiRequest::BindAsync"),
        ("  ASP.NET Core auth middlewares (must be 0 for /v1)", r"AuthenticationMiddleware|AuthorizationMiddleware"),
        ("  insert handler, synchronous part (InsertLeadEndpoint)", r"InsertLeadEndpoint(::|\+<)"),
        ("    form body read + parse (FlatParameters)", r"FlatParameters(::|\+<)"),
        ("    field validation (InsertLeadParser)", r"InsertLeadParser(::|\+<)"),
        ("      phone normalize (libphonenumber)", r"PhoneNormalizer|PhoneNumbers\."),
        ("    token auth (ApiTokenAuthenticator)", r"ApiTokenAuthenticator(::|\+<)"),
        ("    list/account lookup (AccountDirectory)", r"AccountDirectory(::|\+<)"),
        ("    GrainFactory.GetGrain (reference per request)", r"GrainFactory::GetGrain"),
        ("    grain call issue (InvokeMethodAsync)", r"GrainReferenceRuntime::InvokeMethodAsync"),
        ("  JSON answer (ApiResult writer)", r"ApiResult(::|\+<)"),
        ("Orleans message serialize + send", r"MessageSerializer::Write|Connection\+<ProcessOutgoing>|SocketConnection\+<ProcessSends>"),
        ("Orleans message receive + deserialize", r"Connection\+<ProcessIncoming>|SocketConnection\+<ProcessReceives>|ReceiveResponse"),
        ("Orleans runtime type names (format/parse per message)", r"TypeSystem\.TypeConverter|RuntimeTypeNameRewriter|RuntimeTypeNameParser|RuntimeTypeNameFormatter"),
        ("telemetry (OpenTelemetry, Activity, hosting metrics)", r"OpenTelemetry|System\.Diagnostics\.Activity|HostingMetrics|HostingApplicationDiagnostics|RoutingMetrics"),
        ("sched_yield (spinning threads)", r"sched_yield"),
        ("in the kernel (self)", None),
        ("CLR runtime, GC, JIT (libcoreclr/libclrjit, self)", "DSO:libcoreclr|libclrjit"),
    ],
    "silo": [
        ("Orleans message receive + deserialize", r"Connection\+<ProcessIncoming>|SocketConnection\+<ProcessReceives>|MessageSerializer::TryRead"),
        ("Orleans grain scheduling + invoke", r"WorkItemGroup::Execute|ActivationData"),
        ("  PhoneShardGrain.InsertAsync (dedup, index, enqueue)", r"PhoneShardGrain\+<InsertAsync>|DedupPolicy|PhoneIndex"),
        ("Orleans message serialize + send", r"MessageSerializer::Write|Connection\+<ProcessOutgoing>|SocketConnection\+<ProcessSends>"),
        ("Orleans runtime type names (format/parse per message)", r"TypeSystem\.TypeConverter|RuntimeTypeNameRewriter|RuntimeTypeNameParser|RuntimeTypeNameFormatter"),
        ("batch write (LeadBatchWriter + LeadBatchSql, Npgsql)", r"LeadBatchWriter|LeadBatchSql"),
        ("  binary COPY of leads rows", r"CopyNewLeadsAsync"),
        ("  hopper upsert (unnest)", r"UpsertHopperAsync"),
        ("Npgsql (all)", r"\[Npgsql\]"),
        ("sched_yield (spinning threads)", r"sched_yield"),
        ("in the kernel (self)", None),
        ("CLR runtime, GC, JIT (libcoreclr/libclrjit, self)", "DSO:libcoreclr|libclrjit"),
    ],
    "postgres": [
        ("parse (raw_parser)", r"\braw_parser\b|pg_parse_query"),
        ("parse analysis + plan", r"parse_analyze|pg_analyze_and_rewrite|pg_plan_queries|standard_planner"),
        ("COPY FROM (leads rows)", r"\bCopyFrom\b|DoCopy|NextCopyFrom"),
        ("INSERT .. ON CONFLICT executor (hopper)", r"ExecInsert|ExecOnConflict|ExecutorRun|standard_ExecutorRun"),
        ("index inserts (btree)", r"\bbtinsert\b|_bt_doinsert|ExecInsertIndexTuples"),
        ("foreign-key checks (RI triggers)", r"RI_FKey|ri_PerformCheck|AfterTriggerEndQuery|AfterTriggerFireDeferred"),
        ("WAL insert", r"XLogInsert"),
        ("commit + WAL flush", r"CommitTransaction|XLogFlush|XLogWrite|issue_xlog_fsync"),
        ("client protocol I/O (pq_, secure_read/write)", r"\bpq_|secure_read|secure_write|SocketBackend"),
        ("in the kernel (self)", None),
    ],
}


COHOSTED = "api host + silo"


def cohosted_stages():
    """The API host's stages, then the silo's that the API host's list does not already name."""
    shared = {name for name, _ in STAGES["api host"]}
    silo_only = [(("silo: " + name.lstrip()) if not name.startswith(" ") else name, pat)
                 for name, pat in STAGES["silo"] if name not in shared]
    return {COHOSTED: STAGES["api host"] + silo_only, "postgres": STAGES["postgres"]}


def main():
    silo, api, rate, ncpu = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
    stage_table = cohosted_stages() if silo == api else STAGES
    compiled = {role: [(name, None if pat is None else (pat if pat.startswith("DSO:") else re.compile(pat)))
                       for name, pat in stages] for role, stages in stage_table.items()}
    total = 0
    per_role = Counter()
    hits = Counter()
    frames = []
    head = None

    def flush():
        nonlocal total
        if head is None:
            return
        total += 1
        comm, pid = head
        if silo == api and pid == api:
            role = COHOSTED
        else:
            role = "silo" if pid == silo else "api host" if pid == api else "postgres" if comm == "postgres" else None
        if role is None:
            return
        per_role[role] += 1
        leaf_dso = frames[0][1] if frames else ""
        text = "\n".join(sym for sym, _ in frames)
        for name, pat in compiled[role]:
            if pat is None:
                matched = "kernel" in leaf_dso
            elif isinstance(pat, str):
                matched = any(d in leaf_dso for d in pat[4:].split("|"))
            else:
                matched = pat.search(text) is not None
            if matched:
                hits[role, name] += 1

    for line in sys.stdin:
        if not line.strip():
            continue
        if not line[0].isspace():
            flush()
            parts = line.split()
            head = (parts[0], parts[-1])
            frames = []
        else:
            m = re.match(r"\s*[0-9a-f]+ (.*) \((.*)\)\s*$", line)
            if m:
                frames.append((m.group(1), m.group(2)))
    flush()

    if total == 0 or rate <= 0:
        print("  (no samples)")
        return
    us = lambda n: n / total * ncpu * 1e6 / rate
    print(f"  {total} samples on {ncpu} CPUs at {rate:.0f} inserts/s; CPU microseconds per insert "
          f"(inclusive, stages overlap; % of that process):")
    for role, stages in compiled.items():
        n = per_role[role]
        print(f"  {role}: {us(n):6.1f} us/insert ({100 * n / total:.1f}% of all samples)")
        for name, _ in stages:
            h = hits[role, name]
            print(f"    {name:<58} {us(h):6.1f} us  {100 * h / max(n, 1):5.1f}%")


if __name__ == "__main__":
    main()
