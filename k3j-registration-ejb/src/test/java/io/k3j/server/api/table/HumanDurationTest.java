package io.k3j.server.api.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HumanDurationTest {

    private static String format(Duration duration) {
        return HumanDuration.format(duration);
    }

    @Test
    void secondsUpToTwoMinutes() {
        assertEquals("0s", format(Duration.ZERO));
        assertEquals("5s", format(Duration.ofMillis(5_900)));
        assertEquals("119s", format(Duration.ofSeconds(119)));
    }

    @Test
    void minutesWithSecondsUnderTenMinutesThenWholeMinutes() {
        assertEquals("2m", format(Duration.ofSeconds(120)));
        assertEquals("3m2s", format(Duration.ofSeconds(182)));
        assertEquals("10m", format(Duration.ofSeconds(605)));
        assertEquals("179m", format(Duration.ofMinutes(179).plusSeconds(59)));
    }

    @Test
    void hoursWithMinutesUnderEightHoursThenWholeHours() {
        assertEquals("3h", format(Duration.ofHours(3)));
        assertEquals("4h30m", format(Duration.ofMinutes(270)));
        assertEquals("8h", format(Duration.ofHours(8).plusMinutes(59)));
        assertEquals("47h", format(Duration.ofHours(47)));
    }

    @Test
    void daysWithHoursUnderEightDaysThenDaysThenYears() {
        assertEquals("2d", format(Duration.ofHours(48)));
        assertEquals("2d3h", format(Duration.ofHours(51)));
        assertEquals("8d", format(Duration.ofDays(8).plusHours(5)));
        assertEquals("729d", format(Duration.ofDays(729)));
        assertEquals("2y", format(Duration.ofDays(730)));
        assertEquals("2y1d", format(Duration.ofDays(731)));
        assertEquals("8y", format(Duration.ofDays(8 * 365 + 100)));
    }

    @Test
    void aLittleInTheFutureIsNowAndMoreIsInvalid() {
        assertEquals("0s", format(Duration.ofMillis(-1_500)));
        assertEquals("<invalid>", format(Duration.ofSeconds(-2)));
    }
}
