package io.easyquant.ops.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Reads a YAML configuration file once, strictly: unknown keys, wrong types, missing required values and values out
 * of range are all errors that name the file, the field and what was expected. The result is a validated
 * {@link Configuration}.
 */
public final class ConfigLoader
{
    private final ObjectMapper mapper;

    public ConfigLoader()
    {
        mapper = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
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
        final EasyQuantConfig raw;
        try
        {
            raw = mapper.readValue(in, EasyQuantConfig.class);
        }
        catch (final JsonProcessingException ex)
        {
            throw translate(file, ex);
        }
        catch (final IOException ex)
        {
            throw new ConfigException(file, "", "cannot read the file: " + ex.getMessage());
        }
        if (raw == null)
        {
            throw new ConfigException(file, "", "the file is empty; expected a YAML mapping with at least 'instruments'");
        }
        return new ConfigValidator(file, baseDir).validate(raw);
    }

    private static ConfigException translate(final String file, final JsonProcessingException ex)
    {
        final String field = ex instanceof JsonMappingException ? path((JsonMappingException)ex) : "";
        final String at = location(ex.getLocation());
        if (ex instanceof UnrecognizedPropertyException)
        {
            final UnrecognizedPropertyException unknown = (UnrecognizedPropertyException)ex;
            return new ConfigException(file, field, "unknown key '" + unknown.getPropertyName() + "'" + at +
                "; expected one of: " + names(unknown.getKnownPropertyIds()));
        }
        if (ex instanceof InvalidTypeIdException)
        {
            final InvalidTypeIdException type = (InvalidTypeIdException)ex;
            final String id = type.getTypeId();
            return new ConfigException(file, field.isEmpty() ? "type" : field + ".type",
                (id == null ? "missing 'type'" : "unknown type '" + id + "'") + at + "; expected one of: " +
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
        return new ConfigException(file, "", "not valid YAML" + at + ": " + ex.getOriginalMessage());
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
