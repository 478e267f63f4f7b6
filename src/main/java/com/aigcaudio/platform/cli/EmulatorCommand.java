package com.aigcaudio.platform.cli;

import com.aigcaudio.config.ClientSettings;
import com.aigcaudio.config.Settings;
import com.aigcaudio.core.ConfigurationException;
import com.aigcaudio.core.Service;
import com.aigcaudio.emulator.AigcEmulator;
import com.aigcaudio.log.Logger;

import java.io.IOException;
import java.io.PrintStream;
import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;

/**
 * {@code emulator [--port N] [--tls]}: serves the stand-in endpoint until killed, printing its URL on stdout.
 * With {@code --tls} it serves HTTPS with the JVM's default SSLContext, so the certificate comes from the
 * standard {@code javax.net.ssl.keyStore} properties. It accepts only {@link AigcEmulator#CREDENTIALS}.
 */
final class EmulatorCommand {
    private EmulatorCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err, Settings settings) {
        int port = 0;
        boolean tls = false;
        for (int i = 1; i < args.length; i++) {
            if ("--tls".equals(args[i])) {
                tls = true;
            } else if ("--port".equals(args[i]) && i + 1 < args.length) {
                try {
                    port = Integer.parseInt(args[++i]);
                } catch (NumberFormatException e) {
                    err.println("--port needs a number");
                    return Main.USAGE;
                }
            } else {
                err.println("usage: java -jar aigc-audio-function.jar emulator [--port N] [--tls]");
                return Main.USAGE;
            }
        }
        Logger.configure(err, Logger.Level.WARN);
        try {
            Service service = ClientSettings.service(settings);
            AigcEmulator emulator = AigcEmulator.start(service, port, tls ? SSLContext.getDefault() : null);
            out.println(emulator.endpoint());
            out.flush();
            Thread.currentThread().join();
            return Main.OK;
        } catch (ConfigurationException e) {
            err.println("configuration error: " + e.getMessage());
            return Main.USAGE;
        } catch (IOException | NoSuchAlgorithmException e) {
            err.println("cannot start the emulator: " + e);
            return Main.USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.OK;
        }
    }
}
