package io.opsledger.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Launches EC2 instances in a moto_server through its EC2 query API (the benches' AWS). */
final class MotoEc2 {
    private MotoEc2() {}

    static final String INSTANCE_TYPE = "t3.micro";
    private static final Pattern INSTANCE_ID = Pattern.compile("<instanceId>(i-[0-9a-f]+)</instanceId>");

    /** Runs {@code count} instances (500 a call) tagged Name=&lt;namePrefix&gt;-&lt;batch&gt;; answers their ids. */
    static List<String> runInstances(String moto, int count, String namePrefix) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        List<String> ids = new ArrayList<>();
        for (int done = 0; done < count; done += 500) {
            int n = Math.min(500, count - done);
            String form = "Action=RunInstances&Version=2016-11-15&ImageId=ami-12c6146b&InstanceType=" + INSTANCE_TYPE
                    + "&MinCount=" + n + "&MaxCount=" + n + "&TagSpecification.1.ResourceType=instance"
                    + "&TagSpecification.1.Tag.1.Key=Name&TagSpecification.1.Tag.1.Value=" + namePrefix + "-" + done;
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(moto + "/"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    // moto reads the region from the credential scope; it does not check signatures
                    .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=0")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("moto RunInstances answered " + response.statusCode());
            }
            Matcher m = INSTANCE_ID.matcher(response.body());
            while (m.find()) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }
}
