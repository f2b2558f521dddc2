package lib.secrets;

import java.util.Locale;
import java.util.regex.Pattern;

/** File names that usually hold credentials; their working copies are kept out of the vault. */
public final class SecretFiles {
    private static final Pattern SECRET = Pattern.compile(
            "\\.env(\\..+)?|.*\\.(pem|key|p12|pfx|jks|keystore|ppk|asc|gpg)"
                    + "|id_(rsa|dsa|ecdsa|ed25519)(_.*)?|credentials.*\\.json|credentials|\\.npmrc|\\.pypirc"
                    + "|\\.netrc|_netrc|\\.git-credentials|.*\\.tfvars|secrets?\\.(ya?ml|json|toml)"
                    + "|\\.pgpass|\\.envrc|\\.my\\.cnf|\\.s3cfg|\\.htpasswd|\\.dockercfg|\\.vault-token"
                    + "|application-(prod|production|secret|secrets)\\.(properties|ya?ml)|.*\\.(ovpn|kdbx|jceks)");
    private static final Pattern HARMLESS = Pattern.compile(".*\\.(example|sample|template|dist|pub)");

    private SecretFiles() {
    }

    /** path is repository-relative with '/' separators. */
    public static boolean looksSecret(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return SECRET.matcher(name).matches() && !HARMLESS.matcher(name).matches();
    }
}
