package commands;

import java.util.List;
import java.util.concurrent.Callable;
import lib.Doctor;
import picocli.CommandLine.Command;

@Command(name = "doctor", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Check the vault, its sessions and bundles, the remote, the SSH key and Claude Code; say what to fix.")
public class DoctorCommand extends Verb implements Callable<Integer> {
    @Override
    public Integer call() {
        List<Doctor.Finding> findings = new Doctor(env()).run();
        var out = out();
        boolean failed = false;
        for (Doctor.Finding f : findings) {
            String mark = switch (f.level()) {
                case OK -> "  ✓ ";
                case WARN -> "  ⚠ ";
                case FAIL -> "  ✗ ";
            };
            failed |= f.level() == Doctor.Level.FAIL;
            out.println(mark + f.text());
        }
        return failed ? 1 : 0;
    }
}
