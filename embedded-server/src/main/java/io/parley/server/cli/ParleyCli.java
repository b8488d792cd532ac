package io.parley.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code parley} command. */
@Command(name = "parley", mixinStandardHelpOptions = true, versionProvider = ParleyCli.Version.class,
        description = "Parley: design, preview and run AI chat assistants.",
        subcommands = {ServeCommand.class, EvalCommand.class, KbCommand.class, UsersCommand.class,
                BackupCommands.Backup.class, BackupCommands.Restore.class,
                CommandLine.HelpCommand.class})
public final class ParleyCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        Logging.configure();
        System.exit(new CommandLine(new ParleyCli()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"parley " + io.parley.server.ParleyServer.version()};
        }
    }
}
