package io.github.twostep.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The schema is a valid 2020-12 schema that accepts what the loader accepts. */
class SchemaValidationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Schema schema() throws IOException {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(ConfigFilesTest.schema());
    }

    private static List<String> errors(JsonNode document) throws IOException {
        return schema().validate(document).stream().map(Error::toString).toList();
    }

    @ParameterizedTest
    @MethodSource("io.github.twostep.config.ConfigFilesTest#configFiles")
    void validateWhenShippedFileThenSchemaAccepts(Path file) throws IOException {
        assertEquals(List.of(), errors(JSON.readTree(file.toFile())));
    }

    @Test
    void validateWhenSchemaItselfCheckedThenValidAgainstMetaSchema() throws IOException {
        Schema meta = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));
        assertEquals(List.of(), meta.validate(ConfigFilesTest.schema()).stream().map(Error::toString).toList());
    }

    @Test
    void validateWhenDefaultsWrittenThenSchemaAccepts() throws IOException {
        assertEquals(List.of(), errors(SettingsWriter.write(Settings.defaults())));
    }

    @Test
    void validateWhenKeyMistypedOrOutOfRangeThenSchemaRejectsLikeTheLoader() throws IOException {
        assertFalse(errors(JSON.readTree("{\"code\": {\"lenght\": 6}}")).isEmpty());
        assertFalse(errors(JSON.readTree("{\"code\": {\"length\": 11}}")).isEmpty());
        assertFalse(errors(JSON.readTree("{\"exempt\": {\"paths\": [\"/a*\"]}}")).isEmpty());
        assertFalse(errors(JSON.readTree("{\"smtp\": {\"port\": 25}}")).isEmpty());
        assertFalse(errors(JSON.readTree("{\"store\": {\"type\": \"mongo\"}}")).isEmpty());
        assertEquals(List.of(), errors(JSON.readTree("{\"store\": {\"type\": \"class:com.acme.Store\"}}")));
    }
}
