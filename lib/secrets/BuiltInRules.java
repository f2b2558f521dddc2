package lib.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The secrets continuum knows by shape: vendor tokens with their own prefix or format (strong),
 * then the shapes that need context — a bearer header, credentials in a URL or a curl command,
 * a Kubernetes Secret, and an assignment to a secret-named variable in any common syntax
 * (see Assignments). Order matters: specific shapes first, so a later rule sees
 * [REDACTED:...] and leaves it alone.
 */
final class BuiltInRules {
    private BuiltInRules() {
    }

    /** Not preceded / followed by a character a token could continue with. */
    private static final String B = "(?<![A-Za-z0-9_])";
    private static final String E = "(?![A-Za-z0-9_])";

    static List<Rule> all() {
        List<Rule> r = new ArrayList<>();
        r.add(strong("private_key", "-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----(?:\\s|\\\\[rn])*[A-Za-z0-9+/=]{20}[\\s\\S]*?"
                + "(?:-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----|$)", "private key").lookback(Rule.ANYWHERE));
        r.add(strong("age_secret_key", "AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}", "age-secret-key-1"));
        r.add(strong("aws_access_key", B + "(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}" + E,
                "a3t", "akia", "asia", "abia", "acca"));
        r.add(strong("aws_secret_key", "(?i)aws_?(?:secret_?(?:access_?)?key|secret)[\\s\"'`\\\\]*(?::=|=>|[:=])[\\s\"'`\\\\]*"
                + "(?<s>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])", "aws"));
        r.add(strong("github_token", B + "(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})" + E,
                "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"));
        r.add(strong("gitlab_token", B + "(?:gl(?:pat|dt|rt|ptt|oas|cbt|ffct|soat|ft|agent|imt|rtr|wt|cs)-[0-9A-Za-z_-]{20,}"
                + "|GR1348941[0-9A-Za-z_-]{20,})", "glpat-", "gldt-", "glrt-", "glptt-", "gloas-", "glcbt-", "glffct-",
                "glsoat-", "glft-", "glagent-", "glimt-", "glrtr-", "glwt-", "glcs-", "gr1348941"));
        r.add(strong("gitlab_session", "_gitlab_session=(?<s>[0-9a-f]{32})" + E, "_gitlab_session"));
        r.add(strong("slack_token", B + "(?:xox[abcdeoprs]-[0-9A-Za-z-]{10,}|xoxe\\.xox[bp]-\\d-[0-9A-Za-z]{100,}"
                + "|xapp-\\d-[A-Z0-9]+-\\d+-[a-z0-9]+)", "xox", "xapp-"));
        r.add(strong("slack_webhook", "https://hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/_-]{20,}",
                "hooks.slack.com").lookback(8));
        r.add(strong("discord_webhook", "https://(?:ptb\\.|canary\\.)?discord(?:app)?\\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{60,70}",
                "discord").lookback(24));
        r.add(strong("anthropic_key", B + "sk-ant-[A-Za-z0-9_-]{20,}", "sk-ant-"));
        r.add(strong("openai_key", B + "sk-(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{20,}", "sk-"));
        r.add(strong("stripe_key", B + "(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{10,}", "_live_", "_test_").lookback(2));
        r.add(strong("stripe_webhook_secret", B + "whsec_[A-Za-z0-9]{24,}", "whsec_"));
        r.add(strong("google_api_key", B + "AIza[0-9A-Za-z_-]{35}" + "(?![0-9A-Za-z_-])", "aiza"));
        r.add(strong("google_oauth_secret", B + "GOCSPX-[0-9A-Za-z_-]{28}", "gocspx-"));
        r.add(strong("google_oauth_token", B + "ya29\\.[0-9A-Za-z_-]{30,}", "ya29."));
        r.add(strong("jwt", B + "eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}", "eyj"));
        r.add(strong("vercel_token", B + "vc[pkiar]_[A-Za-z0-9]{24,}" + E, "vcp_", "vck_", "vci_", "vca_", "vcr_"));
        r.add(strong("docker_token", B + "dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,}", "dckr_"));
        r.add(strong("buildkite_token", B + "bkua_[a-f0-9]{40}" + E, "bkua_"));
        r.add(strong("circleci_token", B + "CCI(?:PAT|PRJ)_[A-Za-z0-9]{22}_[a-f0-9]{40}" + E, "ccipat_", "cciprj_"));
        r.add(strong("sourcegraph_token", B + "sg[ps]_(?:[a-fA-F0-9]{16}_|local_)?[a-fA-F0-9]{40}" + E, "sgp_", "sgs_"));
        r.add(strong("huggingface_token", B + "(?:hf_|api_org_)[A-Za-z]{34}" + E, "hf_", "api_org_"));
        r.add(strong("notion_token", B + "(?:secret_[A-Za-z0-9]{43}|ntn_[0-9]{11}[A-Za-z0-9]{35})" + E, "secret_", "ntn_"));
        r.add(strong("digitalocean_token", B + "do[opr]_v1_[a-f0-9]{64}" + E, "dop_v1_", "doo_v1_", "dor_v1_"));
        r.add(strong("supabase_token", B + "(?:sbp_[a-f0-9]{40}|sb_secret_[A-Za-z0-9_-]{20,})" + E, "sbp_", "sb_secret_"));
        r.add(strong("planetscale_token", B + "pscale_(?:tkn|pw|oauth)_[A-Za-z0-9=._-]{32,64}", "pscale_"));
        r.add(strong("azure_storage_key", "(?i)AccountKey=(?<s>[A-Za-z0-9+/]{86}==)", "accountkey="));
        r.add(strong("azure_client_secret", "(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}\\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])", "q~").lookback(4));
        r.add(strong("aiven_token", B + "AVNS_[A-Za-z0-9_-]{21}" + E, "avns_"));
        r.add(strong("brevo_key", B + "x(?:keysib|smtpsib)-[a-f0-9]{64}-[A-Za-z0-9]{16}" + E, "xkeysib-", "xsmtpsib-"));
        r.add(strong("facebook_token", B + "EAA[A-Z][A-Za-z0-9]{30,}" + E, "eaa"));
        r.add(strong("vault_token", B + "(?:hvs\\.[A-Za-z0-9_-]{90,}|hvb\\.[A-Za-z0-9_-]{138,}|hvs\\.[A-Za-z0-9]{24})" + E, "hvs.", "hvb."));
        r.add(strong("terraform_token", B + "[A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=-]{60,70}" + E, "atlasv1").lookback(15));
        r.add(strong("onepassword_secret", B + "(?:A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}"
                + "|ops_eyJ[A-Za-z0-9+/=]{200,})" + E, "a3-", "ops_eyj"));
        r.add(strong("twilio_key", B + "SK[0-9a-fA-F]{32}" + E, "sk"));
        r.add(strong("sendgrid_key", B + "SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}" + E, "sg."));
        r.add(strong("mailgun_key", B + "(?:key|pubkey)-[a-f0-9]{32}" + E, "key-"));
        r.add(strong("mailchimp_key", B + "[a-f0-9]{32}-us[0-9]{1,2}" + E, "-us").lookback(32));
        r.add(strong("npm_token", B + "npm_[A-Za-z0-9]{36}" + E, "npm_"));
        r.add(strong("pypi_token", B + "pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}", "pypi-ageichlwas5vcmc"));
        r.add(strong("shopify_token", B + "shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}" + E, "shpat_", "shpca_", "shppa_", "shpss_"));
        r.add(strong("square_token", B + "(?:sq0atp-[A-Za-z0-9_-]{22}|sq0csp-[A-Za-z0-9_-]{43}|EAAA[A-Za-z0-9_+-]{60})",
                "sq0atp-", "sq0csp-", "eaaa"));
        r.add(strong("atlassian_token", B + "AT(?:ATT|CTT)3[A-Za-z0-9_=-]{150,}", "atatt3", "atctt3"));
        r.add(strong("linear_key", B + "lin_(?:api|oauth)_[A-Za-z0-9]{40}" + E, "lin_api_", "lin_oauth_"));
        r.add(strong("postman_key", B + "PMAK-[a-f0-9]{24}-[a-f0-9]{34}" + E, "pmak-"));
        r.add(strong("doppler_token", B + "dp\\.(?:pt|st|ct|sa|scim|audit)\\.[A-Za-z0-9]{40,44}" + E,
                "dp.pt.", "dp.st.", "dp.ct.", "dp.sa.", "dp.scim.", "dp.audit."));
        r.add(strong("databricks_token", B + "dapi[a-f0-9]{32}(?:-\\d)?" + E, "dapi"));
        r.add(strong("grafana_token", B + "(?:glc_[A-Za-z0-9+/]{32,400}={0,2}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}"
                + "|eyJrIjoi[A-Za-z0-9]{70,400}={0,2})", "glc_", "glsa_", "eyjrijoi"));
        r.add(strong("newrelic_key", B + "NR(?:AK|JS|II|RA)-[A-Za-z0-9]{19,32}" + E, "nrak-", "nrjs-", "nrii-", "nrra-"));
        r.add(strong("dynatrace_token", B + "dt0[cs]01\\.[A-Z0-9]{24}\\.[A-Z0-9]{64}" + E, "dt0c01.", "dt0s01."));
        r.add(strong("sentry_token", B + "sntry[su]_[A-Za-z0-9+/=_-]{40,}", "sntrys_", "sntryu_"));
        r.add(strong("heroku_key", B + "HRKU-[A-Za-z0-9_-]{60}" + E, "hrku-"));
        r.add(strong("cloudflare_key", B + "v1\\.0-[a-f0-9]{24}-[a-f0-9]{146}" + E, "v1.0-"));
        r.add(strong("telegram_bot_token", B + "[0-9]{8,10}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])", ":aa").lookback(10));
        r.add(strong("twitter_bearer", "AAAAAAAAAAAAAAAAAAAAA[A-Za-z0-9]*%[A-Za-z0-9%]{20,}", "aaaaaaaaaaaaaaaaaaaaa"));
        r.add(strong("netlify_token", B + "nfp_[A-Za-z0-9]{36}" + E, "nfp_"));
        r.add(strong("flyio_token", B + "(?:fo1_[A-Za-z0-9_-]{43}|fm[12][ar]?_[A-Za-z0-9+/=_-]{100,})", "fo1_", "fm1", "fm2"));
        r.add(strong("render_key", B + "rnd_[A-Za-z0-9]{32}" + E, "rnd_"));
        r.add(strong("replicate_token", B + "r8_[A-Za-z0-9]{37}" + E, "r8_"));
        r.add(strong("groq_key", B + "gsk_[A-Za-z0-9]{52}" + E, "gsk_"));
        r.add(strong("xai_key", B + "xai-[A-Za-z0-9]{80}" + E, "xai-"));
        r.add(strong("perplexity_key", B + "pplx-[A-Za-z0-9]{48}" + E, "pplx-"));
        r.add(strong("pulumi_token", B + "pul-[a-f0-9]{40}" + E, "pul-"));
        r.add(strong("prefect_key", B + "pnu_[A-Za-z0-9]{36}" + E, "pnu_"));
        r.add(strong("airtable_token", B + "pat[A-Za-z0-9]{14}\\.[a-f0-9]{64}" + E, "pat"));
        r.add(strong("figma_token", B + "figd_[A-Za-z0-9_-]{40}" + E, "figd_"));
        r.add(strong("adobe_key", B + "p8e-[A-Za-z0-9]{32}" + E, "p8e-"));
        r.add(strong("alibaba_key", B + "LTAI[A-Za-z0-9]{20}" + E, "ltai"));
        r.add(strong("dropbox_token", B + "sl\\.[A-Za-z0-9_-]{130,140}" + E, "sl."));
        r.add(strong("typeform_token", B + "tfp_[A-Za-z0-9_.=-]{59}" + E, "tfp_"));
        r.add(strong("contentful_token", B + "CFPAT-[A-Za-z0-9_-]{43}" + E, "cfpat-"));
        r.add(strong("clojars_token", B + "CLOJARS_[a-z0-9]{60}" + E, "clojars_"));
        r.add(strong("rubygems_key", B + "rubygems_[a-f0-9]{48}" + E, "rubygems_"));
        r.add(strong("nuget_key", B + "oy2[a-z0-9]{43}" + E, "oy2"));
        r.add(strong("octopus_key", B + "API-[A-Z0-9]{26}" + E, "api-"));
        r.add(strong("harness_token", B + "pat\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9]{24}\\.[A-Za-z0-9]{20}" + E, "pat."));
        r.add(strong("infracost_key", B + "ico-[A-Za-z0-9]{32}" + E, "ico-"));
        r.add(strong("readme_key", B + "rdme_[a-z0-9]{70}" + E, "rdme_"));
        r.add(strong("scalingo_token", B + "tk-us-[A-Za-z0-9_-]{48}" + E, "tk-us-"));
        r.add(strong("shippo_token", B + "shippo_(?:live|test)_[a-f0-9]{40}" + E, "shippo_"));
        r.add(strong("flutterwave_key", B + "FLWSECK(?:_TEST)?-[a-h0-9]{32}-X", "flwseck"));
        r.add(strong("duffel_token", B + "duffel_(?:test|live)_[A-Za-z0-9_=-]{43}" + E, "duffel_"));
        r.add(strong("easypost_key", B + "EZ[AT]K[a-z0-9]{54}" + E, "ezak", "eztk"));
        r.add(strong("mapbox_token", B + "sk\\.eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+", "sk.eyj"));
        r.add(strong("maxmind_key", B + "[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk" + E, "_mmk").lookback(36));
        r.add(strong("intra42_secret", B + "s-s4t2(?:ud|af)-[a-f0-9]{64}" + E, "s-s4t2"));
        r.add(strong("openshift_token", B + "sha256~[A-Za-z0-9_-]{43}" + E, "sha256~"));
        r.add(strong("heroku_key", "(?i)heroku[\\w.-]{0,20}[\\s\"'`\\\\]*(?::=|=>|[:=])[\\s\"'`\\\\]*"
                + "(?<s>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})", "heroku"));
        r.add(strong("cloudflare_key", "(?i)cloudflare[\\w.-]{0,20}[\\s\"'`\\\\]*(?::=|=>|[:=])[\\s\"'`\\\\]*"
                + "(?<s>[A-Za-z0-9_-]{37,40})(?![A-Za-z0-9_-])", "cloudflare"));
        r.add(strong("facebook_secret", "(?i)facebook[\\w.-]{0,20}[\\s\"'`\\\\]*(?::=|=>|[:=])[\\s\"'`\\\\]*(?<s>[a-f0-9]{32})" + E,
                "facebook"));
        r.addAll(ContextRules.all());
        return r;
    }

    /** A token with a shape of its own: unmistakable, so a file that holds one stays out of the vault. */
    static Rule strong(String id, String regex, String... keywords) {
        Pattern p = Pattern.compile(regex);
        List<String> names = regex.contains("(?<s>") ? List.of("s") : List.of();
        return new Rule(id, p, 0, names, List.of(keywords), 0, true, Rule.ANY, List.of(), List.of(), 0);
    }
}
