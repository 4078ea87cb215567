package io.github.twostep.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StartBannerTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jdbc:h2:file:./data/twostep-sample;AUTO_SERVER=TRUE | jdbc:h2:file:./data/twostep-sample",
        "jdbc:postgresql://db/app?user=app&password=secret | jdbc:postgresql://db/app",
        "jdbc:h2:mem:x | jdbc:h2:mem:x"})
    void withoutParametersWhenUrlHasParametersThenCut(String url, String shown) {
        assertEquals(shown, StartBanner.withoutParameters(url));
    }
}
