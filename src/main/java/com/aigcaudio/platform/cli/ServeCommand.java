package com.aigcaudio.platform.cli;

import com.aigcaudio.config.Settings;
import com.aigcaudio.core.ConfigurationException;
import com.aigcaudio.log.Logger;
import com.aigcaudio.platform.scf.ScfHandler;
import com.aigcaudio.tencent.auth.MissingCredentialsException;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * {@code serve [--port N]}: the function's HTTP trigger as a real HTTP server on 127.0.0.1 (port 8080 by default),
 * each request turned into a function-URL event and the answer back into HTTP: the page at {@code /}, the API at
 * {@code /tasks}. On the embedded emulator and the local store unless configured otherwise; delivered soundtracks
 * are served under {@code /local/}, so the page can play them.
 */
final class ServeCommand {
    static final int DEFAULT_PORT = 8080;

    /** Seconds a client may take to send a request, and to take an answer (a soundtrack over a slow link). */
    static final String REQUEST_SECONDS = "10";
    static final String RESPONSE_SECONDS = "120";

    private ServeCommand() {
    }

    /**
     * The JDK server reads these once, when its first instance starts: in the command line that is this one. A value
     * the user set on the command line (-Dsun.net.httpserver.maxReqTime=…) wins.
     */
    private static void limitSlowClients() {
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", REQUEST_SECONDS);
        }
        if (System.getProperty("sun.net.httpserver.maxRspTime") == null) {
            System.setProperty("sun.net.httpserver.maxRspTime", RESPONSE_SECONDS);
        }
    }

    /** Host: 127.0.0.1 or localhost, with this server's port or none. */
    static boolean localHost(String host, int port) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        for (String name : new String[] {"127.0.0.1", "localhost"}) {
            if (h.equals(name) || h.equals(name + ":" + port)) {
                return true;
            }
        }
        return false;
    }

    static int run(String[] args, PrintStream out, PrintStream err, Settings settings) {
        int port;
        Duration[] emulatorTimings;
        try {
            Options options = Options.parse(args, Set.of("--port", "--emulator-ms"), Set.of());
            if (!options.positional().isEmpty()) {
                throw new Options.BadOption("unexpected " + options.positional().get(0));
            }
            port = options.number("--port", DEFAULT_PORT, 0, 65_535);
            emulatorTimings = options.emulatorTimings();
        } catch (Options.BadOption e) {
            err.println(e.getMessage());
            err.println("usage: java -jar aigc-audio-function.jar serve [--port N] [--emulator-ms RUNNING,DONE]");
            return Main.USAGE;
        }
        Logger.configure(err, Logger.Level.INFO);
        limitSlowClients();
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            err.println("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage());
            return Main.USAGE;
        }
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        LocalRuntime local;
        try {
            local = LocalRuntime.start(settings, URI.create(base + "local/"), emulatorTimings, err);
        } catch (ConfigurationException | MissingCredentialsException e) {
            err.println("configuration error: " + e.getMessage());
            return Main.USAGE;
        } catch (IOException e) {
            err.println("cannot start the emulator: " + e);
            return Main.USAGE;
        }
        Logger.configure(err, local.config.logLevel());
        ScfHandler handler = new ScfHandler(local.function, Clock.systemUTC());
        LocalResults results = new LocalResults(local.config.state().location().dir(), local.config.tracking()
                .resultPrefix());
        int listening = server.getAddress().getPort();
        int maxBody = local.config.http().maxBodyBytes();
        server.createContext("/", exchange -> {
            try {
                if (!localHost(exchange.getRequestHeaders().getFirst("Host"), listening)) {
                    FunctionUrlExchange.refuse(exchange, 403, "HostNotAllowed", "serve answers only requests for "
                            + "127.0.0.1 or localhost (a page on another host name could be a DNS rebinding attack)");
                } else if (exchange.getRequestURI().getRawPath().startsWith(LocalResults.PATH)) {
                    results.serve(exchange);
                } else {
                    FunctionUrlExchange.handle(exchange, handler, maxBody);
                }
            } finally {
                exchange.close();
            }
        });
        // Each connection holds a thread while it sends its request: a thread for every connection, so slow ones
        // cannot starve the rest, and the JDK server closes a request that takes longer than its limit (set above).
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        out.println("Serving the HTTP trigger at " + base + " (the page: open it in a browser; the API: " + base
                + "tasks). Ctrl-C stops.");
        out.flush();
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Main.OK;
    }
}
