import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The floor for a blocking-socket client such as the SDK's okhttp: one HTTPS POST written by hand on the default
 * SSLSocketFactory, host name verified, nothing else. Usage: SslSocketPost HOST PORT
 */
public final class SslSocketPost {
    public static void main(String[] args) throws Exception {
        String host = args[0];
        try (SSLSocket socket = (SSLSocket) SSLSocketFactory.getDefault().createSocket(host, Integer.parseInt(args[1]))) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            OutputStream out = socket.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 2\r\nConnection: close\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            System.out.println(response.substring(response.indexOf("\r\n\r\n") + 4));
        }
    }
}
