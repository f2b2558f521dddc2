package commands;

import java.util.List;
import java.util.concurrent.Callable;
import lib.Doctor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "doctor", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Check the vault, its sessions and bundles, the remote, the SSH key and Claude Code; say what to fix.")
public class DoctorCommand implements Callable<Integer> {
    @ParentCommand
    Continuum parent;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<Doctor.Finding> findings = new Doctor(parent.env()).run();
        var out = spec.commandLine().getOut();
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
