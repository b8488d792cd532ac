package io.parley.server.auth;

import io.helidon.dbclient.DbExecute;
import io.parley.server.common.Clock;
import io.parley.server.common.Ids;
import io.parley.server.common.ParleyException;
import io.parley.server.common.Text;
import io.parley.server.storage.Database;
import io.parley.server.tenancy.OrganizationService;
import io.parley.server.tenancy.Role;
import io.parley.server.tenancy.TenancyStore;

import java.time.Instant;

/**
 * Making accounts: a checked email, name and password, and the account's own "Personal"
 * organization with its "Default" workspace. Sign-up uses it, and so does {@code parley users
 * create}, which an operator runs against the database directly.
 */
public final class Accounts {

    static final String PERSONAL_ORGANIZATION = "Personal";

    private final Database db;
    private final UserStore users;
    private final TenancyStore tenancy;
    private final PasswordHasher hasher;
    private final Clock clock;

    public Accounts(Database db, Clock clock) {
        this(db, new UserStore(db), new TenancyStore(db), new PasswordHasher(), clock);
    }

    Accounts(Database db, UserStore users, TenancyStore tenancy, PasswordHasher hasher, Clock clock) {
        this.db = db;
        this.users = users;
        this.tenancy = tenancy;
        this.hasher = hasher;
        this.clock = clock;
    }

    /** A new account, or 409 {@code email_taken} (also when a concurrent sign-up won the race). */
    public User create(String email, String password, String name) {
        String cleanEmail = Text.email("email", email);
        String normalized = Text.normalizeEmail(cleanEmail);
        String cleanName = Text.required("name", name, 200);
        checkPassword(password, normalized);
        if (users.byEmail(normalized).isPresent()) {
            throw taken();
        }
        User user = new User(Ids.newId(), cleanEmail, cleanName, hasher.hash(password), false, clock.now());
        try {
            db.runInTransaction(tx -> {
                users.insert(tx, user, normalized, user.createdAt());
                createPersonalTenancy(tx, user.id(), user.createdAt());
            });
        } catch (RuntimeException e) {
            if (users.byEmail(normalized).isPresent()) {
                throw taken();
            }
            throw e;
        }
        return user;
    }

    private static ParleyException taken() {
        return ParleyException.conflict("email_taken", "An account with this email already exists; log in instead");
    }

    void createPersonalTenancy(DbExecute tx, String userId, Instant now) {
        String orgId = Ids.newId();
        tenancy.insertOrganization(tx, orgId, PERSONAL_ORGANIZATION, userId, now);
        tenancy.insertOrganizationMember(tx, orgId, userId, Role.OWNER, now);
        tenancy.insertWorkspace(tx, Ids.newId(), orgId, OrganizationService.DEFAULT_WORKSPACE_NAME, true, userId, now);
    }

    private static void checkPassword(String password, String normalizedEmail) {
        if (password == null || password.isEmpty()) {
            throw ParleyException.invalidField("password", "'password' is required");
        }
        if (password.length() < PasswordHasher.MIN_LENGTH) {
            throw ParleyException.invalidField("password",
                    "The password must be at least " + PasswordHasher.MIN_LENGTH + " characters");
        }
        if (password.length() > PasswordHasher.MAX_LENGTH) {
            throw ParleyException.invalidField("password",
                    "The password must be at most " + PasswordHasher.MAX_LENGTH + " characters");
        }
        if (password.isBlank() || password.equalsIgnoreCase(normalizedEmail)) {
            throw ParleyException.invalidField("password", "Choose a password that is not blank or your email");
        }
    }
}
