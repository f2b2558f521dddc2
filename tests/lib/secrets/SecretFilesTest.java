package lib.secrets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecretFilesTest {
    @Test
    void secretFileNames() {
        for (String p : new String[] {".env", "app/.env.local", "certs/server.pem", "id_rsa", "id_ed25519",
                "gcp/credentials.json", ".npmrc", "prod.tfvars", "keystore.p12"}) {
            assertTrue(SecretFiles.looksSecret(p), p);
        }
        for (String p : new String[] {".env.example", "id_rsa.pub", "src/env.py", "keys.go", "README.md", "secrets.md"}) {
            assertFalse(SecretFiles.looksSecret(p), p);
        }
    }
}
