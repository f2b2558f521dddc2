package lib.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Secrets of every family the redactor knows, made up at run time from their published shapes
 * (so no file here holds a token-shaped literal), each with the text a transcript would show it
 * in: bare in a command's output, or after a name. And look-alikes that are not secrets.
 */
public final class Corpus {
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String UPPER_NUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String LOWER_NUM = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String HEX = "0123456789abcdef";
    private static final String B64 = ALNUM + "+/";
    private static final String URLSAFE = ALNUM + "_-";
    private final Random rnd;

    public Corpus(long seed) {
        this.rnd = new Random(seed);
    }

    private String r(String chars, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(chars.charAt(rnd.nextInt(chars.length())));
        }
        // Real tokens have digits and letters mixed; make sure a short one is not all of one kind.
        if (chars.contains("0") && n >= 8 && b.chars().noneMatch(Character::isDigit)) {
            b.setCharAt(n / 2, '7');
        }
        return b.toString();
    }

    /** One sample: the family, the secret itself, the text around it, and whether a name stands beside it. */
    public record Sample(String family, String secret, String text, boolean bare) {
    }

    public List<Sample> secrets() {
        List<Sample> out = new ArrayList<>();
        bare(out, "aws_access_key", "AKIA" + r(UPPER_NUM, 16));
        bare(out, "github_token classic", "ghp_" + r(ALNUM, 36));
        bare(out, "github_token oauth", "gho_" + r(ALNUM, 36));
        bare(out, "github_token fine-grained", "github_pat_" + r(ALNUM, 22) + "_" + r(ALNUM, 59));
        bare(out, "gitlab_token runner", "GR1348941" + r(URLSAFE, 20));
        bare(out, "slack_token bot", "xoxb-" + r("0123456789", 12) + "-" + r("0123456789", 13) + "-" + r(ALNUM, 24));
        bare(out, "slack_token xoxc", "xoxc-" + r("0123456789", 12) + "-" + r(ALNUM, 40));
        bare(out, "slack_token xoxd", "xoxd-" + r(ALNUM, 50));
        bare(out, "slack_webhook", "https://hooks.slack.com/services/T" + r(UPPER_NUM, 8) + "/B" + r(UPPER_NUM, 8) + "/" + r(ALNUM, 24));
        bare(out, "anthropic_key", "sk-ant-api03-" + r(URLSAFE, 93) + "AA");
        bare(out, "openai_key project", "sk-proj-" + r(URLSAFE, 48));
        bare(out, "openai_key legacy", "sk-" + r(ALNUM, 20) + "T3BlbkFJ" + r(ALNUM, 20));
        bare(out, "stripe_key live", "sk_live_" + r(ALNUM, 24));
        bare(out, "stripe_key test", "sk_test_" + r(ALNUM, 24));
        bare(out, "stripe_key restricted", "rk_live_" + r(ALNUM, 24));
        bare(out, "stripe_webhook_secret", "whsec_" + r(ALNUM, 32));
        bare(out, "google_api_key", "AIza" + r(URLSAFE, 35));
        bare(out, "google_oauth_secret", "GOCSPX-" + r(URLSAFE, 28));
        bare(out, "google_oauth_token", "ya29." + r(URLSAFE, 60));
        bare(out, "jwt", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ" + r(URLSAFE, 40) + "." + r(URLSAFE, 43));
        bare(out, "vercel_token", "vcp_" + r(ALNUM, 24));
        bare(out, "docker_token", "dckr_pat_" + r(URLSAFE, 27));
        bare(out, "buildkite_token", "bkua_" + r(HEX, 40));
        bare(out, "circleci_token", "CCIPAT_" + r(ALNUM, 22) + "_" + r(HEX, 40));
        bare(out, "sourcegraph_token", "sgp_" + r(HEX, 16) + "_" + r(HEX, 40));
        bare(out, "huggingface_token", "hf_" + r("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 34));
        bare(out, "notion_token", "ntn_" + r("0123456789", 11) + r(ALNUM, 35));
        bare(out, "digitalocean_token", "dop_v1_" + r(HEX, 64));
        bare(out, "supabase_token", "sbp_" + r(HEX, 40));
        bare(out, "planetscale_token", "pscale_tkn_" + r(URLSAFE, 43));
        bare(out, "azure_client_secret", r(ALNUM, 3) + "8Q~" + r(URLSAFE, 34));
        bare(out, "aiven_token", "AVNS_" + r(URLSAFE, 21));
        bare(out, "brevo_key", "xkeysib-" + r(HEX, 64) + "-" + r(ALNUM, 16));
        bare(out, "facebook_token", "EAAC" + r(ALNUM, 100));
        bare(out, "vault_token", "hvs." + r(URLSAFE, 90));
        bare(out, "terraform_token", r(ALNUM, 14) + ".atlasv1." + r(URLSAFE, 67));
        bare(out, "onepassword_secret", "A3-" + r(UPPER_NUM, 6) + "-" + r(UPPER_NUM, 11) + "-" + r(UPPER_NUM, 5) + "-" + r(UPPER_NUM, 5) + "-" + r(UPPER_NUM, 5));
        bare(out, "age_secret_key", "AGE-SECRET-KEY-1" + r("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58));
        bare(out, "twilio_key", "SK" + r(HEX, 32));
        bare(out, "sendgrid_key", "SG." + r(URLSAFE, 22) + "." + r(URLSAFE, 43));
        bare(out, "mailgun_key", "key-" + r(HEX, 32));
        bare(out, "mailchimp_key", r(HEX, 32) + "-us12");
        bare(out, "npm_token", "npm_" + r(ALNUM, 36));
        bare(out, "pypi_token", "pypi-AgEIcHlwaS5vcmc" + r(URLSAFE, 70));
        bare(out, "shopify_token", "shpat_" + r(HEX, 32));
        bare(out, "square_token", "sq0atp-" + r(URLSAFE, 22));
        bare(out, "atlassian_token", "ATATT3" + r(URLSAFE, 180));
        bare(out, "linear_key", "lin_api_" + r(ALNUM, 40));
        bare(out, "postman_key", "PMAK-" + r(HEX, 24) + "-" + r(HEX, 34));
        bare(out, "doppler_token", "dp.pt." + r(ALNUM, 43));
        bare(out, "databricks_token", "dapi" + r(HEX, 32));
        bare(out, "grafana_token", "glsa_" + r(ALNUM, 32) + "_" + r(HEX, 8));
        bare(out, "newrelic_key", "NRAK-" + r(UPPER_NUM, 27));
        bare(out, "dynatrace_token", "dt0c01." + r(UPPER_NUM, 24) + "." + r(UPPER_NUM, 64));
        bare(out, "sentry_token", "sntryu_" + r(HEX, 64));
        bare(out, "heroku_key", "HRKU-" + r(URLSAFE, 60));
        bare(out, "telegram_bot_token", r("0123456789", 10) + ":AA" + r(URLSAFE, 33));
        bare(out, "discord_webhook", "https://discord.com/api/webhooks/" + r("0123456789", 18) + "/" + r(URLSAFE, 68));
        bare(out, "netlify_token", "nfp_" + r(ALNUM, 36));
        bare(out, "flyio_token", "fo1_" + r(URLSAFE, 43));
        bare(out, "render_key", "rnd_" + r(ALNUM, 32));
        bare(out, "replicate_token", "r8_" + r(ALNUM, 37));
        bare(out, "groq_key", "gsk_" + r(ALNUM, 52));
        bare(out, "xai_key", "xai-" + r(ALNUM, 80));
        bare(out, "perplexity_key", "pplx-" + r(ALNUM, 48));
        bare(out, "pulumi_token", "pul-" + r(HEX, 40));
        bare(out, "prefect_key", "pnu_" + r(ALNUM, 36));
        bare(out, "airtable_token", "pat" + r(ALNUM, 14) + "." + r(HEX, 64));
        bare(out, "figma_token", "figd_" + r(URLSAFE, 40));
        bare(out, "alibaba_key", "LTAI" + r(ALNUM, 20));
        bare(out, "dropbox_token", "sl." + r(URLSAFE, 135));
        bare(out, "contentful_token", "CFPAT-" + r(URLSAFE, 43));
        bare(out, "rubygems_key", "rubygems_" + r(HEX, 48));
        bare(out, "nuget_key", "oy2" + r(LOWER_NUM, 43));
        bare(out, "infracost_key", "ico-" + r(ALNUM, 32));
        bare(out, "shippo_token", "shippo_live_" + r(HEX, 40));
        bare(out, "flutterwave_key", "FLWSECK_TEST-" + r("abcdefgh0123456789", 32) + "-X");
        bare(out, "easypost_key", "EZAK" + r(LOWER_NUM, 54));
        bare(out, "mapbox_token", "sk.eyJ1IjoiYWNtZSIsImEiOiJ" + r(URLSAFE, 20) + "." + r(URLSAFE, 22));
        bare(out, "openshift_token", "sha256~" + r(URLSAFE, 43));
        around(out, "azure_storage_key", true, r(B64, 86) + "==", "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=%s;EndpointSuffix=core.windows.net");
        around(out, "private_key", true, r(B64, 64), "-----BEGIN RSA PRIVATE KEY-----\n%s\n" + r(B64, 64) + "\n-----END RSA PRIVATE KEY-----");
        around(out, "url_credentials", true, r(ALNUM, 16), "postgres://app:%s@db.internal:5432/app");
        around(out, "url_credentials redis", true, r(ALNUM, 16), "redis://:%s@cache:6379/0");
        around(out, "bearer_token", true, r(URLSAFE, 40), "Authorization: Bearer %s");
        around(out, "basic_auth", true, java.util.Base64.getEncoder().encodeToString(("deploy:" + r(ALNUM, 14)).getBytes()), "Authorization: Basic %s");
        around(out, "curl_credentials", true, r(ALNUM, 14), "curl -u admin:%s https://ci.internal/api");
        around(out, "assignment: env file", false, pw(), "DB_PASSWORD=%s");
        around(out, "assignment: export", false, r(ALNUM, 32), "export API_TOKEN=%s");
        around(out, "assignment: yaml", false, r(ALNUM, 32), "config:\n  client_secret: %s\n");
        around(out, "assignment: kubernetes secret", false, java.util.Base64.getEncoder().encodeToString(r(ALNUM, 18).getBytes()), "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: %s\n");
        around(out, "assignment: json", false, r(ALNUM, 32), "{\"apiKey\": \"%s\"}");
        around(out, "assignment: toml", false, r(ALNUM, 40), "secret_key = \"%s\"");
        around(out, "assignment: python spaced", false, pw(), "db_password = '%s'");
        around(out, "assignment: go :=", false, r(ALNUM, 32), "signingKey := \"%s\"");
        around(out, "assignment: make ?=", false, r(ALNUM, 32), "DEPLOY_TOKEN ?= %s");
        around(out, "assignment: make ::=", false, r(ALNUM, 32), "AUTH_SECRET ::= %s");
        around(out, "assignment: php .=", false, r(ALNUM, 32), "$apiKey .= \"%s\";");
        around(out, "assignment: ruby =>", false, r(ALNUM, 32), ":access_token => \"%s\"");
        around(out, "assignment: backticks", false, r(ALNUM, 32), "stripeSecret = `%s`");
        around(out, "assignment: name ending in _key", false, r(B64, 44), "ENCRYPTION_KEY=%s");
        around(out, "assignment: name ending in Key", false, r(ALNUM, 40), "masterKey = \"%s\"");
        around(out, "assignment: setProperty", false, pw(), "System.setProperty(\"db.password\", \"%s\");");
        around(out, "assignment: cli flag", false, pw(), "mysql --password=%s -h db");
        around(out, "assignment: cli flag spaced", false, r(ALNUM, 28), "vault login --token %s");
        around(out, "assignment: aws secret", false, r(B64, 40), "aws_secret_access_key = %s");
        around(out, "assignment: netrc", false, pw(), "machine api.example.org login deploy password %s");
        around(out, "assignment: name = value spaced", false, pw(), "password = %s");
        return out;
    }

    private String pw() {
        return r(ALNUM, 10) + "!";
    }

    /** A token on its own: in a command's output, the commonest way one enters a transcript. */
    private static void bare(List<Sample> out, String family, String token) {
        out.add(new Sample(family, token, token, true));
    }

    /** A secret inside its context; template holds %s where the secret stands. */
    private static void around(List<Sample> out, String family, boolean bare, String secret, String template) {
        out.add(new Sample(family, secret, template.replace("%s", secret), bare));
    }

    /** Look-alikes that are no secret: hashes, ids, checksums, words, identifiers, and git's own output. */
    public List<String> controls() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String sha = r(HEX, 40);
            out.add("commit " + sha);
            out.add("Merge: " + sha.substring(0, 7) + " " + r(HEX, 7));
            out.add("index " + r(HEX, 7) + ".." + r(HEX, 7) + " 100644");
            out.add("sessionId: " + java.util.UUID.randomUUID());
            out.add("\"integrity\": \"sha512-" + r(B64, 86) + "==\",");
            out.add("  integrity sha512-" + r(B64, 86) + "==");
            out.add("checksum = \"" + r(HEX, 64) + "\"");
            out.add("hash = \"sha256:" + r(HEX, 64) + "\"");
            out.add("github.com/acme/lib v1.2." + i + " h1:" + r(B64, 43) + "=");
            out.add(java.util.Base64.getEncoder().encodeToString(("the quick brown fox " + i).getBytes()));
            out.add("AbstractSingletonProxyFactoryBeanConfigurationManager" + i);
            out.add("const tokenizer = new Tokenizer(config.maxTokens);");
            out.add("password = request.getParameter(\"password\")");
            out.add("  \"resolved\": \"https://registry.npmjs.org/left-pad/-/left-pad-1." + i + ".0.tgz\",");
            out.add(" M src/main/java/com/acme/TokenService.java");
            out.add("?? notes/secret-santa-" + i + ".md");
            out.add("@@ -" + i + ",7 +" + i + ",8 @@ public class KeyStoreLoader {");
            out.add("Author: Dev <dev@example.com>");
            out.add("\"input_tokens\": " + (1000 + i) + ", \"output_tokens\": " + i);
            out.add("max_tokens = 4096");
        }
        return out;
    }
}
