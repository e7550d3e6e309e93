package io.easyquant.ops.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a YAML configuration file once, strictly: unknown keys, wrong types, missing required values and values out
 * of range are all errors that name the file, the field and what was expected. The result is a validated
 * {@link Configuration}.
 */
public final class ConfigLoader
{
    /** The most characters a number in the file may have. */
    public static final int MAX_NUMBER_LENGTH = 64;

    private final ObjectMapper mapper;
    private final Map<String, String> environment;

    /**
     * A loader that takes admin tokens from this process's environment.
     */
    public ConfigLoader()
    {
        this(System.getenv());
    }

    /**
     * @param environment where {@link Configuration#ADMIN_TOKENS_VARIABLE} is looked up.
     */
    public ConfigLoader(final Map<String, String> environment)
    {
        this.environment = Map.copyOf(environment);
        // A number longer than MAX_NUMBER_LENGTH is refused before it is converted, so a huge one costs no time.
        mapper = new ObjectMapper(YAMLFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(MAX_NUMBER_LENGTH).build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }

    /**
     * Load and validate a file.
     *
     * @throws ConfigException naming the file and field.
     */
    public Configuration load(final Path path) throws ConfigException
    {
        final String file = path.toString();
        if (Files.isDirectory(path))
        {
            throw new ConfigException(file, "", "is a directory; expected a YAML configuration file");
        }
        try (InputStream in = Files.newInputStream(path))
        {
            return parse(file, in, path.toAbsolutePath().getParent());
        }
        catch (final NoSuchFileException ex)
        {
            throw new ConfigException(file, "", "file not found");
        }
        catch (final IOException ex)
        {
            throw new ConfigException(file, "", "cannot read the file: " + ex.getMessage());
        }
    }

    /**
     * Parse and validate configuration text.
     *
     * @param file    the name used in error messages.
     * @param baseDir the directory relative paths in the file are resolved against.
     */
    public Configuration parse(final String file, final InputStream in, final Path baseDir) throws ConfigException
    {
        return parse(file, in, baseDir, true);
    }

    /**
     * Parse and validate configuration text as journaled by an earlier run, for a replay: input files it names need
     * not exist any more, since a replay reads its inputs from the journal.
     *
     * @param journal the journal the text comes from, named in error messages.
     */
    public Configuration parseJournaled(final String journal, final String text) throws ConfigException
    {
        return parse(journal + " (journaled configuration)",
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
            Path.of("").toAbsolutePath(), false);
    }

    private Configuration parse(final String file, final InputStream in, final Path baseDir, final boolean checkFiles)
        throws ConfigException
    {
        final byte[] content;
        try
        {
            content = in.readAllBytes();
        }
        catch (final IOException ex)
        {
            throw new ConfigException(file, "", "cannot read the file: " + ex.getMessage());
        }
        checkStructure(file, content);
        final EasyQuantConfig raw;
        try
        {
            raw = mapper.readValue(content, EasyQuantConfig.class);
        }
        catch (final JsonProcessingException ex)
        {
            throw translate(file, content, ex);
        }
        catch (final IOException ex)
        {
            throw new ConfigException(file, "", "cannot read the file: " + ex.getMessage());
        }
        return new ConfigValidator(file, baseDir, checkFiles, new String(content, StandardCharsets.UTF_8), environment)
            .validate(raw);
    }

    /**
     * One streaming pass before binding: the file is valid YAML, not empty, a mapping at the top level, and no
     * mapping repeats a key (a repeated key would otherwise silently replace the first).
     */
    private void checkStructure(final String file, final byte[] content) throws ConfigException
    {
        try (JsonParser parser = mapper.getFactory().createParser(content))
        {
            final JsonToken first = parser.nextToken();
            if (first == null || first == JsonToken.VALUE_NULL)
            {
                throw new ConfigException(file, "", "the file is empty; expected a YAML mapping with the sections " +
                    "instruments, feeds, strategy and risk");
            }
            if (first != JsonToken.START_OBJECT)
            {
                throw new ConfigException(file, "", "expected a YAML mapping (key: value) at the top level" +
                    location(parser.currentTokenLocation()) + ", got " + (first == JsonToken.START_ARRAY ?
                    "a list" : "'" + parser.getText() + "'"));
            }
            checkKeys(file, parser, "");
        }
        catch (final JsonProcessingException ex)
        {
            throw syntaxError(file, ex);
        }
        catch (final IOException ex)
        {
            throw new ConfigException(file, "", "cannot read the file: " + ex.getMessage());
        }
    }

    /**
     * The parser is on a START_OBJECT: consume the mapping and everything in it.
     */
    private static void checkKeys(final String file, final JsonParser parser, final String path)
        throws IOException, ConfigException
    {
        final Set<String> keys = new HashSet<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME)
        {
            final String key = parser.currentName();
            final String field = path.isEmpty() ? key : path + "." + key;
            if (!keys.add(key))
            {
                throw new ConfigException(file, field, "duplicate key '" + key + "'" +
                    location(parser.currentTokenLocation()) + "; each key may appear only once in a mapping");
            }
            checkValue(file, parser, parser.nextToken(), field);
        }
    }

    private static void checkValue(final String file, final JsonParser parser, final JsonToken token, final String path)
        throws IOException, ConfigException
    {
        if (token == JsonToken.START_OBJECT)
        {
            checkKeys(file, parser, path);
        }
        else if (token == JsonToken.START_ARRAY)
        {
            int index = 0;
            JsonToken element;
            while ((element = parser.nextToken()) != null && element != JsonToken.END_ARRAY)
            {
                checkValue(file, parser, element, path + "[" + index++ + "]");
            }
        }
    }

    /**
     * A YAML syntax error on one line: the problem and where it is, without the parser's multi-line excerpt.
     */
    private static ConfigException syntaxError(final String file, final JsonProcessingException ex)
    {
        for (Throwable cause = ex; cause != null; cause = cause.getCause())
        {
            if (cause instanceof MarkedYAMLException)
            {
                final MarkedYAMLException yaml = (MarkedYAMLException)cause;
                final Mark problemMark = yaml.getProblemMark();
                final Mark contextMark = yaml.getContextMark();
                final String context = yaml.getContext() == null ? "" : " (" + yaml.getContext() +
                    (contextMark == null ? "" : " from line " + (contextMark.getLine() + 1)) + ")";
                return new ConfigException(file, "", "not valid YAML" + (problemMark == null ? "" : " (line " +
                    (problemMark.getLine() + 1) + ", column " + (problemMark.getColumn() + 1) + ")") + ": " +
                    yaml.getProblem() + context);
            }
        }
        return new ConfigException(file, "", "not valid YAML" + location(ex.getLocation()) + ": " +
            ex.getOriginalMessage());
    }

    private ConfigException translate(final String file, final byte[] content, final JsonProcessingException ex)
    {
        final String field = ex instanceof JsonMappingException ? path((JsonMappingException)ex) : "";
        final String at = location(ex.getLocation());
        if (ex instanceof UnrecognizedPropertyException)
        {
            final UnrecognizedPropertyException unknown = (UnrecognizedPropertyException)ex;
            return new ConfigException(file, field, "unknown key '" + unknown.getPropertyName() + "'" +
                keyLocation(content, unknown.getPath(), at) +
                "; expected one of: " + names(unknown.getKnownPropertyIds()));
        }
        if (ex instanceof InvalidTypeIdException)
        {
            final InvalidTypeIdException type = (InvalidTypeIdException)ex;
            final String id = type.getTypeId();
            return new ConfigException(file, field.isEmpty() ? "type" : field + ".type",
                (id == null ? "missing 'type'" + keyLocation(content, type.getPath(), at) :
                "unknown type '" + id + "'" + at) + "; expected one of: " +
                subtypeNames(type));
        }
        if (ex instanceof InvalidFormatException)
        {
            final InvalidFormatException format = (InvalidFormatException)ex;
            return new ConfigException(file, field, "expected " + describe(format.getTargetType()) + ", got '" +
                format.getValue() + "'" + at);
        }
        if (ex instanceof ValueInstantiationException && ex.getCause() != null)
        {
            return new ConfigException(file, field, ex.getCause().getMessage() + at);
        }
        if (ex instanceof MismatchedInputException)
        {
            final MismatchedInputException mismatch = (MismatchedInputException)ex;
            return new ConfigException(file, field, "expected " + describe(mismatch.getTargetType()) + at);
        }
        if (ex instanceof JsonMappingException)
        {
            return new ConfigException(file, field, ex.getOriginalMessage() + at);
        }
        return syntaxError(file, ex);
    }

    /**
     * Where the key at {@code path} is written. Jackson reports unknown keys and missing types of records only once
     * it has read the whole mapping, so its own location points past the key; this finds the key itself.
     *
     * @return " (line L, column C)", or {@code fallback} if the key cannot be found.
     */
    private String keyLocation(
        final byte[] content, final List<JsonMappingException.Reference> path, final String fallback)
    {
        try (JsonParser parser = mapper.getFactory().createParser(content))
        {
            parser.nextToken();
            final JsonLocation found = find(parser, path, 0);
            return found == null ? fallback : location(found);
        }
        catch (final IOException ex)
        {
            return fallback;
        }
    }

    /**
     * The parser is on the first token of the value at {@code path[0, depth)}.
     */
    private static JsonLocation find(final JsonParser parser, final List<JsonMappingException.Reference> path,
        final int depth) throws IOException
    {
        if (depth >= path.size())
        {
            return null;
        }
        final JsonMappingException.Reference step = path.get(depth);
        final boolean last = depth == path.size() - 1;
        if (parser.currentToken() == JsonToken.START_OBJECT && step.getFieldName() != null)
        {
            while (parser.nextToken() == JsonToken.FIELD_NAME)
            {
                final JsonLocation keyAt = parser.currentTokenLocation();
                final boolean match = step.getFieldName().equals(parser.currentName());
                parser.nextToken();
                if (match)
                {
                    return last ? keyAt : find(parser, path, depth + 1);
                }
                parser.skipChildren();
            }
        }
        else if (parser.currentToken() == JsonToken.START_ARRAY && step.getIndex() >= 0)
        {
            int index = 0;
            JsonToken element;
            while ((element = parser.nextToken()) != null && element != JsonToken.END_ARRAY)
            {
                if (index++ == step.getIndex())
                {
                    return last ? parser.currentTokenLocation() : find(parser, path, depth + 1);
                }
                parser.skipChildren();
            }
        }
        return null;
    }

    private static String subtypeNames(final InvalidTypeIdException ex)
    {
        final Class<?> base = ex.getBaseType() == null ? null : ex.getBaseType().getRawClass();
        if (base == EasyQuantConfig.FeedSection.class)
        {
            return "synthetic, csv";
        }
        if (base == EasyQuantConfig.StrategySection.class)
        {
            return "ma-crossover, linear";
        }
        if (base == EasyQuantConfig.VenueSection.class)
        {
            return "paper";
        }
        return "a known type";
    }

    private static String path(final JsonMappingException ex)
    {
        final StringBuilder out = new StringBuilder();
        for (final JsonMappingException.Reference reference : ex.getPath())
        {
            if (reference.getFieldName() != null)
            {
                if (out.length() > 0)
                {
                    out.append('.');
                }
                out.append(reference.getFieldName());
            }
            else if (reference.getIndex() >= 0)
            {
                out.append('[').append(reference.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String location(final JsonLocation location)
    {
        if (location == null || location.getLineNr() <= 0)
        {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String names(final Collection<Object> ids)
    {
        return ids == null ? "" : ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    private static String describe(final Class<?> type)
    {
        if (type == null)
        {
            return "a different value";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class)
        {
            return "an integer";
        }
        if (type == Double.class || type == double.class || type == java.math.BigDecimal.class)
        {
            return "a number";
        }
        if (type == String.class)
        {
            return "a text value";
        }
        if (java.util.List.class.isAssignableFrom(type))
        {
            return "a list";
        }
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord() || type.isInterface())
        {
            return "a mapping (key: value)";
        }
        return "a " + type.getSimpleName();
    }
}
