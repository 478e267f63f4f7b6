package com.aigcaudio.transport;

import java.net.HttpURLConnection;
import java.util.PriorityQueue;

/**
 * Ends exchanges that outlive their limit. {@code HttpURLConnection} bounds each read, not the exchange, so a peer
 * that drips one byte a second would hold a call far past the invocation's deadline. One daemon thread, started at
 * the first exchange, disconnects each connection whose limit has passed; the blocked read or write then fails and
 * the transport reports {@link ExchangeLimitExceededException}. Disconnecting from another thread is the
 * documented way to abort an {@code HttpURLConnection}, over plain sockets and TLS alike.
 */
final class ExchangeLimit {
    private static final PriorityQueue<Alarm> ALARMS = new PriorityQueue<>((a, b) -> Long.compare(a.due - b.due, 0));
    private static Thread watcher;

    private ExchangeLimit() {
    }

    /** One exchange's limit: fires once, unless disarmed first. */
    static final class Alarm {
        private final long due;
        private final HttpURLConnection connection;
        private volatile boolean fired;

        private Alarm(long due, HttpURLConnection connection) {
            this.due = due;
            this.connection = connection;
        }

        boolean fired() {
            return fired;
        }

        /** Whether the limit has passed, fired or not. */
        boolean expired() {
            return fired || System.nanoTime() - due >= 0;
        }

        void disarm() {
            synchronized (ALARMS) {
                ALARMS.remove(this);
            }
        }
    }

    /** How many exchanges with this host and port are being watched now. */
    static int armed(String authority) {
        synchronized (ALARMS) {
            return (int) ALARMS.stream().filter(a -> authority.equals(a.connection.getURL().getAuthority())).count();
        }
    }

    static Alarm arm(HttpURLConnection connection, long limitNanos) {
        Alarm alarm = new Alarm(System.nanoTime() + limitNanos, connection);
        synchronized (ALARMS) {
            ALARMS.add(alarm);
            if (watcher == null) {
                watcher = new Thread(ExchangeLimit::watch, "aigc-exchange-limit");
                watcher.setDaemon(true);
                watcher.start();
            } else if (ALARMS.peek() == alarm) {
                ALARMS.notifyAll();
            }
        }
        return alarm;
    }

    private static void watch() {
        while (true) {
            Alarm due;
            synchronized (ALARMS) {
                due = ALARMS.peek();
                long wait = due == null ? 0 : due.due - System.nanoTime();
                if (due == null || wait > 0) {
                    try {
                        ALARMS.wait(due == null ? 0 : Math.max(1, wait / 1_000_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                    continue;
                }
                ALARMS.poll();
                due.fired = true;
            }
            abort(due.connection);
        }
    }

    /**
     * On a thread of its own: a disconnect may wait for a lock the stuck exchange holds, or throw, and the watcher
     * must go on ending the other exchanges whatever happens to one. Only misbehaving peers get here.
     */
    private static void abort(HttpURLConnection connection) {
        Thread aborter = new Thread(() -> {
            try {
                connection.disconnect();
            } catch (RuntimeException e) {
                // The exchange fails on its own read timeout instead.
            }
        }, "aigc-exchange-abort");
        aborter.setDaemon(true);
        aborter.start();
    }
}
