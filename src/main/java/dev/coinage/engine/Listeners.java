package dev.coinage.engine;

import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a use case calls a host's listener: after the commit, with anything the listener throws (short of the
 * JVM's own fatal errors) logged and dropped, so that a failing listener can never undo, repeat or hide a committed
 * change.
 */
public final class Listeners {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private Listeners() {}

    /**
     * Delivers an event to a listener, guarded.
     *
     * @param <L> the listener type
     * @param <E> the event type
     * @param listener the host's listener, not null
     * @param event the event, not null
     * @param method the listener method to call, not null
     * @param what what the event is about, for the log line, not null
     */
    public static <L, E> void call(L listener, E event, BiConsumer<L, E> method, Object what) {
        try {
            method.accept(listener, event);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            LOG.warn(
                    "listener {} failed on {}; the change stands",
                    listener.getClass().getName(),
                    what,
                    e);
        }
    }
}
