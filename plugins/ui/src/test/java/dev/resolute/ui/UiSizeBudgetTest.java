package dev.resolute.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 12: the whole UI, its JavaScript and CSS with the vendored libraries, stays under 150 kB before compression. */
class UiSizeBudgetTest {
    private static final long BUDGET = 150_000;

    @Test
    void allJavaScriptAndCssTogetherStayUnder150kB() {
        WebAssets assets = WebAssets.load(UiSizeBudgetTest.class.getClassLoader());
        long total = assets.all().stream().filter(a -> a.path().matches(".*\\.(js|mjs|css)")).mapToLong(a -> a.bytes().length).sum();
        assertThat(total).as("bytes of JS and CSS").isPositive().isLessThan(BUDGET);
    }
}
