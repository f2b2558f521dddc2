package lib.base;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** One configured Jackson mapper for the whole tool. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);
    public static final ObjectMapper COMPACT = new ObjectMapper();
    public static final JsonFactory FACTORY = COMPACT.getFactory();

    private Json() {
    }
}
