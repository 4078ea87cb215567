package io.github.twostep.sample;

import io.github.twostep.TwoStepException;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/** The users table's DataSource when the settings name it in JNDI, as in a WAR. */
final class Jndi {
    private Jndi() {
    }

    static DataSource dataSource(String name) {
        try {
            Object found = InitialContext.doLookup(name);
            if (found instanceof DataSource source) {
                return source;
            }
            throw new TwoStepException("JNDI name " + name + " is not bound to a DataSource");
        } catch (NamingException e) {
            throw new TwoStepException("cannot look up the DataSource " + name + " in JNDI", e);
        }
    }
}
