package lib.session;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where transcript lines are written, as bytes: a line that is not valid UTF-8 is kept as it was. */
public interface LineSink extends AutoCloseable {
    /**
     * Writes a line, or a piece of one, without its end. newline ends the line; a line written in
     * pieces (or a torn last line) passes false until its last piece.
     */
    void write(byte[] b, int off, int len, boolean newline) throws IOException;

    @Override
    void close() throws IOException;

    static LineSink toFile(Path file) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        return new LineSink() {
            @Override
            public void write(byte[] b, int off, int len, boolean newline) throws IOException {
                out.write(b, off, len);
                if (newline) {
                    out.write('\n');
                }
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }
}
