package io.parley.server.cli;

import io.parley.server.auth.Accounts;
import io.parley.server.auth.User;
import io.parley.server.common.Clock;
import io.parley.server.common.ParleyException;
import io.parley.server.config.ParleyConfig;
import io.parley.server.storage.Database;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code parley users …}: accounts, made by an operator against the database. */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Accounts.",
        subcommands = {UsersCommand.Create.class})
final class UsersCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create an account with its own organization and workspace.",
                    "On PostgreSQL the servers may be running; stop an embedded server (or the studio) first.",
                    "The password is read from a file or from standard input, never from the command line."})
    static final class Create implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        DataOptions data = new DataOptions();

        @Option(names = "--email", required = true, description = "The email the account signs in with.")
        String email;

        @Option(names = "--name", required = true, description = "The name shown in the studio.")
        String name;

        @Option(names = "--password-file", paramLabel = "FILE", description = "A file whose first line is the password.")
        Path passwordFile;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean passwordStdin;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String password;
            try {
                password = password();
            } catch (IllegalArgumentException | IOException e) {
                err.println("parley: " + e.getMessage());
                return 2;
            }
            ParleyConfig config;
            try {
                config = data.config();
            } catch (IllegalArgumentException e) {
                err.println("parley: " + e.getMessage());
                return 2;
            }
            try (Database db = Database.open(config.database())) {
                User user = new Accounts(db, Clock.system()).create(email, password, name);
                out.println("Created " + user.email() + " (user " + user.id() + "), with a Personal organization "
                        + "and its Default workspace. Sign in with this email and password.");
                return 0;
            } catch (ParleyException e) {
                err.println("parley: " + e.getMessage());
                return e.kind() == ParleyException.Kind.CONFLICT ? 1 : 2;
            } catch (RuntimeException e) {
                err.println("parley: " + e.getMessage());
                return 1;
            }
        }

        private String password() throws IOException {
            if ((passwordFile == null) == !passwordStdin) {
                throw new IllegalArgumentException("give the password with one of --password-file FILE or --password-stdin");
            }
            String line;
            if (passwordFile != null) {
                if (!Files.isRegularFile(passwordFile)) {
                    throw new IllegalArgumentException("no such file: " + passwordFile);
                }
                line = Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream().findFirst().orElse("");
            } else {
                line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            }
            return line == null ? "" : line;
        }
    }
}
