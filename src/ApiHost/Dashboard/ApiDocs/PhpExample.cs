using System.Globalization;

namespace Leadline.ApiHost.Dashboard.ApiDocs;

/// <summary>The Example PHP Usage snippet: a form POST with curl and http_build_query that runs as pasted.</summary>
public static class PhpExample
{
    public const string TokenPlaceholder = "YOUR_API_TOKEN";

    public static string Build(string baseUrl, long? listId) => $$"""
        <?php
        $params = [
            'auth_token'      => '{{TokenPlaceholder}}',
            'list_id'         => {{(listId ?? 0).ToString(CultureInfo.InvariantCulture)}},
            'phone_number'    => '(727) 555-1212',
            'phone_code'      => 1,
            'first_name'      => 'Ann',
            'last_name'       => 'Smith',
            'email'           => 'ann@example.com',
            'check_dup'       => 2,
            'check_dnc'       => 1,
            'hopper'          => 1,
            'hopper_priority' => 99,
        ];

        $ch = curl_init('{{baseUrl.TrimEnd('/')}}/v1/leads/insert');
        curl_setopt($ch, CURLOPT_POST, true);
        curl_setopt($ch, CURLOPT_POSTFIELDS, http_build_query($params));
        curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
        $body = curl_exec($ch);
        $status = curl_getinfo($ch, CURLINFO_HTTP_CODE);
        curl_close($ch);

        $result = json_decode($body, true);
        if ($result['success']) {
            echo "Inserted lead " . $result['data']['lead_id'] . "\n";
        } else {
            echo "HTTP $status, error " . $result['code'] . ": " . $result['text'] . "\n";
        }
        """;
}
