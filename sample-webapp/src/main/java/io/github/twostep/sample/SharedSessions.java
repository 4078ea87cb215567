package io.github.twostep.sample;

import javax.sql.DataSource;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.session.DatabaseAdaptor;
import org.eclipse.jetty.session.JDBCSessionDataStoreFactory;
import org.eclipse.jetty.session.NullSessionCache;

/**
 * HTTP sessions kept in the users database through Jetty's own {@code JDBCSessionDataStore}
 * ({@code --sessions db}): every node on the same database serves every session, with no
 * sticky load balancer, and a restart keeps users signed in.
 *
 * <p>No node caches a session ({@link NullSessionCache}): each request reads it from the
 * database and writes it back, so a request on another node always sees the last change. A
 * change is written when the response is committed, before the client can send its next
 * request. A session in which nothing changed is written only every {@value #SAVE_PERIOD_SECONDS}
 * seconds, so most requests cost one read; TwoStep sets its attribute again on every change it
 * makes, which marks the session changed.
 */
final class SharedSessions {
    /**
     * A session nothing changed in is written at most this often (to keep its last access time
     * for expiry); a changed one is written at once.
     */
    static final int SAVE_PERIOD_SECONDS = 60;
    private SharedSessions() {
    }

    static void keepIn(DataSource database, SessionHandler sessions) {
        DatabaseAdaptor adaptor = new DatabaseAdaptor();
        adaptor.setDatasource(database);
        JDBCSessionDataStoreFactory store = new JDBCSessionDataStoreFactory();
        store.setDatabaseAdaptor(adaptor);
        store.setSavePeriodSec(SAVE_PERIOD_SECONDS);
        NullSessionCache cache = new NullSessionCache(sessions);
        cache.setSessionDataStore(store.getSessionDataStore(sessions));
        cache.setFlushOnResponseCommit(true);
        cache.setSaveOnCreate(true);
        sessions.setSessionCache(cache);
    }
}
