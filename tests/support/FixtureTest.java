package support;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A test that plays one user: a fresh Fixture (HOME, vault, ~/.claude) before each test, removed after. */
public abstract class FixtureTest {
    protected Fixture fx;

    @BeforeEach
    void newUser() throws IOException {
        fx = new Fixture();
    }

    @AfterEach
    void removeUser() throws IOException {
        fx.close();
    }
}
