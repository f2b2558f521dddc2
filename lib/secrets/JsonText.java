package lib.secrets;

/**
 * A JSON line as its reader would see it: escapes decoded in place (\\n, \\", \\uXXXX, ...), the
 * structure left as it is. Enough to tell whether a line holds a secret before parsing it.
 */
final class JsonText {
    private JsonText() {
    }

    static String unescaped(String line) {
        int backslash = line.indexOf('\\');
        if (backslash < 0) {
            return line;
        }
        StringBuilder b = new StringBuilder(line.length());
        b.append(line, 0, backslash);
        for (int i = backslash; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != '\\' || i + 1 >= line.length()) {
                b.append(c);
                continue;
            }
            char e = line.charAt(++i);
            switch (e) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> {
                    if (i + 4 < line.length()) {
                        try {
                            b.append((char) Integer.parseInt(line.substring(i + 1, i + 5), 16));
                            i += 4;
                        } catch (NumberFormatException ex) {
                            b.append('\\').append('u');
                        }
                    } else {
                        b.append('\\').append('u');
                    }
                }
                default -> b.append(e); // \" \\ \/
            }
        }
        return b.toString();
    }
}
