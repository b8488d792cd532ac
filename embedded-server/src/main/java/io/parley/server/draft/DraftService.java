package io.parley.server.draft;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.dbclient.DbExecute;
import io.parley.server.common.Clock;
import io.parley.server.common.Ids;
import io.parley.server.common.ParleyException;
import io.parley.server.storage.Database;
import io.parley.server.tenancy.AccessPolicy;
import io.parley.server.tenancy.Principal;
import io.parley.server.tenancy.Role;
import io.parley.server.tenancy.WorkspaceAccess;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drafts of every type: create, read, deep-merge saves (auto-save), delete, and expiry. A draft
 * lives 24 hours after its last save. Nothing in a draft reaches the real tables until the
 * feature that owns the type deploys or finalizes it.
 */
public final class DraftService {

    public static final Duration TTL = Duration.ofHours(24);
    /** A draft is configuration, not content: uploads live beside it, not inside it. */
    public static final int MAX_DOCUMENT_CHARS = 900_000;
    private static final int SAVE_ATTEMPTS = 5;
    private static final Logger LOG = Logger.getLogger(DraftService.class.getName());

    private final Database db;
    private final DraftStore store;
    private final AccessPolicy policy;
    private final Clock clock;
    private final Map<DraftType, List<DraftCleanup>> cleanups = new EnumMap<>(DraftType.class);

    public DraftService(Database db, AccessPolicy policy, Clock clock) {
        this.db = db;
        this.store = new DraftStore(db);
        this.policy = policy;
        this.clock = clock;
        for (DraftType type : DraftType.values()) {
            cleanups.put(type, new CopyOnWriteArrayList<>());
        }
    }

    public void onRemoved(DraftType type, DraftCleanup cleanup) {
        cleanups.get(type).add(cleanup);
    }

    public Draft create(Principal caller, DraftType type, Optional<String> workspaceId, ObjectNode data) {
        WorkspaceAccess access = policy.workspaceOrDefault(caller, workspaceId, Role.EDITOR);
        checkSize(data);
        Instant now = clock.now();
        Draft draft = new Draft(Ids.newId(), access.workspaceId(), type, data, 1,
                caller.isApiKey() ? null : caller.userId(), now, now, now.plus(TTL));
        store.insert(draft);
        return draft;
    }

    public Draft get(Principal caller, DraftType type, String id) {
        return require(caller, type, id, Role.VIEWER);
    }

    public List<Draft> list(Principal caller, DraftType type, Optional<String> workspaceId) {
        WorkspaceAccess access = policy.workspaceOrDefault(caller, workspaceId, Role.VIEWER);
        return store.listInWorkspace(access.workspaceId(), type, clock.now());
    }

    /**
     * Auto-save: deep-merges {@code patch} into the document and extends the draft's life;
     * {@code check} sees the merged document first and may refuse it.
     */
    public Draft patch(Principal caller, DraftType type, String id, ObjectNode patch, DraftCheck check) {
        return update(caller, type, id, data -> {
            ObjectNode merged = JsonMerge.merge(data, patch);
            check.check(patch, merged);
            return merged;
        });
    }

    /**
     * Applies {@code change} to the latest document. Concurrent saves are retried on the fresh
     * document, so two tabs saving different fields both keep their edits.
     */
    public Draft update(Principal caller, DraftType type, String id, UnaryOperator<ObjectNode> change) {
        for (int attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
            Draft current = require(caller, type, id, Role.EDITOR);
            ObjectNode changed = change.apply(current.data().deepCopy());
            checkSize(changed);
            Instant now = clock.now();
            if (store.update(id, changed, current.version(), now, now.plus(TTL))) {
                return new Draft(id, current.workspaceId(), type, changed, current.version() + 1,
                        current.createdBy(), current.createdAt(), now, now.plus(TTL));
            }
        }
        throw ParleyException.conflict("draft_busy", "The draft is being saved elsewhere; try again");
    }

    public void delete(Principal caller, DraftType type, String id) {
        Draft draft = require(caller, type, id, Role.EDITOR);
        db.runInTransaction(tx -> store.delete(tx, id));
        notifyRemoved(draft);
    }

    /** Removes the draft inside the caller's transaction (deploy, finalize); call {@link #released} after commit. */
    public void consume(DbExecute tx, Draft draft) {
        store.delete(tx, draft.id());
    }

    /** After a committed deploy or finalize: frees what the draft held. */
    public void released(Draft draft) {
        notifyRemoved(draft);
    }

    /** The draft if the caller may act on it with {@code role}; 404 otherwise, expired drafts included. */
    public Draft require(Principal caller, DraftType type, String id, Role role) {
        if (!io.parley.server.common.Ids.looksLikeId(id)) {
            throw ParleyException.notFound("Draft");
        }
        Draft draft = store.find(id, type)
                .filter(d -> d.expiresAt().isAfter(clock.now()))
                .orElseThrow(() -> ParleyException.notFound("Draft"));
        policy.resource(caller, draft.workspaceId(), role, "Draft");
        return draft;
    }

    /** Deletes drafts past their TTL and frees what they held; returns how many went. */
    public int purgeExpired() {
        int purged = 0;
        for (Draft draft : store.expired(clock.now(), 100)) {
            db.runInTransaction(tx -> store.delete(tx, draft.id()));
            notifyRemoved(draft);
            purged++;
        }
        return purged;
    }

    private void notifyRemoved(Draft draft) {
        for (DraftCleanup cleanup : cleanups.get(draft.type())) {
            try {
                cleanup.draftRemoved(draft);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cleanup of draft " + draft.id() + " failed", e);
            }
        }
    }

    private static void checkSize(ObjectNode data) {
        if (DraftStore.write(data).length() > MAX_DOCUMENT_CHARS) {
            throw new ParleyException(ParleyException.Kind.TOO_LARGE, "draft_too_large",
                    "The draft is larger than " + MAX_DOCUMENT_CHARS + " characters", null);
        }
    }
}
