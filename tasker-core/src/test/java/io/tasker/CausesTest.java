package io.tasker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class CausesTest {

    @Test
    void a_message_is_shown_with_the_class_that_carries_it() {
        assertThat(Causes.describe(new IOException("disk full"))).isEqualTo("IOException: disk full");
    }

    @Test
    void an_exception_without_a_message_is_explained_by_its_cause() {
        ConnectException refused = new ConnectException();
        refused.initCause(new ConnectException("Connection refused"));

        assertThat(Causes.describe(refused)).isEqualTo("ConnectException: Connection refused");
    }

    @Test
    void without_any_message_the_class_name_stands_in_never_null() {
        assertThat(Causes.describe(new IllegalStateException((String) null))).isEqualTo("IllegalStateException");
        assertThat(Causes.describe(new RuntimeException("null"))).isEqualTo("RuntimeException");
    }
}
