package io.tasker.server.api;

import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A request body as text, decoded strictly: bytes that are not UTF-8 are a 400 naming their offset instead of being
 * replaced silently by U+FFFD (which would store something the client never sent).
 */
final class Utf8Body {

    private Utf8Body() {
    }

    static String of(Context ctx) {
        byte[] bytes = ctx.bodyAsBytes();
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new FieldException("body", "is not valid UTF-8 (at byte " + in.position() + ")");
        }
        decoder.flush(out);
        return out.flip().toString();
    }
}
