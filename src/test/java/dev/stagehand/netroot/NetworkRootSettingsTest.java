package dev.stagehand.netroot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** rootsize= as the kernel's tmpfs takes it, refused where it would mean something else. */
class NetworkRootSettingsTest {
    @Test
    void sizes() {
        for (String ok : new String[] {"1073741824", "512m", "2G", "100k", "1%", "50%", "100%"}) {
            assertThat(NetworkRootSettings.sizeProblem(ok)).as(ok).isNull();
        }
        assertThat(NetworkRootSettings.sizeProblem("0")).contains("without a size limit");
        assertThat(NetworkRootSettings.sizeProblem("0g")).contains("without a size limit");
        assertThat(NetworkRootSettings.sizeProblem("0%")).contains("1% to 100%");
        assertThat(NetworkRootSettings.sizeProblem("101%")).contains("1% to 100%");
        assertThat(NetworkRootSettings.sizeProblem("2gb")).contains("expected a size");
        assertThat(NetworkRootSettings.sizeProblem("-1")).contains("expected a size");
        assertThat(NetworkRootSettings.sizeProblem("half")).contains("expected a size");
        assertThat(NetworkRootSettings.sizeProblem("99999999999999999999")).contains("expected a size");
    }
}
