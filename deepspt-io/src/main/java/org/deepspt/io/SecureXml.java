package org.deepspt.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.deepspt.api.InputFormatException;
import org.jspecify.annotations.Nullable;

/**
 * Hardened StAX parsing for untrusted XML: DTDs and external entities are disabled, and any DOCTYPE
 * declaration is refused outright (this blocks XXE and entity-expansion "billion laughs" attacks).
 */
final class SecureXml {
    private SecureXml() {
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        return f;
    }

    /**
     * @param in XML bytes, decoded by {@link XmlCharset} (byte-order mark, declaration, else UTF-8)
     * @param source name used in messages
     * @return the parser
     */
    static XMLStreamReader open(InputStream in, String source) {
        Reader chars;
        try {
            chars = XmlCharset.reader(in, source);
        } catch (IOException e) {
            throw new InputFormatException(source, 0, null, "cannot read: " + e.getMessage(), e);
        }
        return open(chars, source);
    }

    static XMLStreamReader open(Reader in, String source) {
        try {
            return factory().createXMLStreamReader(in);
        } catch (XMLStreamException e) {
            throw wrap(e, source);
        }
    }

    /**
     * Advances to the next event, refusing DOCTYPE declarations.
     *
     * @return the event type
     */
    static int next(XMLStreamReader r, String source) {
        try {
            int ev = r.next();
            if (ev == XMLStreamConstants.DTD) {
                throw new InputFormatException(source, line(r), null, "DOCTYPE declarations are not allowed"
                        + " (DTDs and entities are refused to prevent XXE and entity-expansion attacks)");
            }
            return ev;
        } catch (XMLStreamException e) {
            throw wrap(e, source);
        }
    }

    /** @return the name of the root element (first start element) */
    static String rootElement(XMLStreamReader r, String source) {
        while (true) {
            int ev = next(r, source);
            if (ev == XMLStreamConstants.START_ELEMENT) {
                return r.getLocalName();
            }
            if (ev == XMLStreamConstants.END_DOCUMENT) {
                throw new InputFormatException(source, 0, null, "empty XML document: no root element");
            }
        }
    }

    static long line(XMLStreamReader r) {
        Location loc = r.getLocation();
        return loc == null ? 0 : Math.max(0, loc.getLineNumber());
    }

    static void close(XMLStreamReader r) {
        try {
            r.close();
        } catch (XMLStreamException e) {
            // nothing to release beyond the parser itself
        }
    }

    /**
     * One line, in our terms: the parser's "ParseError at [row,col]:[r,c]\nMessage: m" becomes
     * "malformed or refused XML at column c: m" (the line is the exception's); a malformed byte sequence
     * says which encoding was expected.
     */
    static InputFormatException wrap(XMLStreamException e, String source) {
        Location loc = e.getLocation();
        long line = loc == null ? 0 : Math.max(0, loc.getLineNumber());
        String where = loc == null || loc.getColumnNumber() <= 0 ? "" : " at column " + loc.getColumnNumber();
        if (e.getNestedException() instanceof StrictDecodingReader.Undecodable u) {
            return new InputFormatException(source, u.line(), null, "not valid text in the file's encoding at column "
                    + u.column() + " (" + u.charset() + "; UTF-8 unless a byte-order mark or the XML declaration "
                    + "names another): " + u.what(), e);
        }
        if (e.getNestedException() instanceof CharacterCodingException) {
            return new InputFormatException(source, line, null, "not valid text in the file's encoding" + where
                    + " (UTF-8 unless a byte-order mark or the XML declaration names another): "
                    + ReadFailures.describe((CharacterCodingException) e.getNestedException()), e);
        }
        String msg = e.getMessage() == null ? "" : e.getMessage();
        int m = msg.indexOf("Message:");
        if (m >= 0) {
            msg = msg.substring(m + "Message:".length());
        }
        msg = msg.replaceAll("\\s+", " ").strip();
        if (msg.contains("DOCTYPE")) {
            msg = "DOCTYPE declarations are not allowed (" + msg + ")";
        }
        return new InputFormatException(source, line, null, "malformed or refused XML" + where + ": " + msg, e);
    }

    /** Attribute value, or null when absent. */
    static @Nullable String attr(XMLStreamReader r, String name) {
        return r.getAttributeValue(null, name);
    }
}
