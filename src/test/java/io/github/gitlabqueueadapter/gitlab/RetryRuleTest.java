package io.github.gitlabqueueadapter.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which GitLab answers are worth a retry: a server that may recover soon, never a client error. */
class RetryRuleTest {

    @ParameterizedTest(name = "{0} -> retry {1}")
    @CsvSource({
        "500,true",
        "502,true",
        "503,true",
        "504,true",
        "400,false",
        "401,false",
        "403,false",
        "404,false",
        "405,false",
        "429,false"
    })
    void retriesServerErrorsOnly(int status, boolean retried) {
        assertEquals(retried, ProjectGuards.worthRetrying(GitLabException.forStatus(status)));
    }

    @ParameterizedTest(name = "{0} -> retry {1}")
    @CsvSource({"TIMEOUT,true", "UNREACHABLE,true", "BAD_RESPONSE,false", "CIRCUIT_OPEN,false"})
    void retriesWhenNoAnswerCame(GitLabException.Kind kind, boolean retried) {
        assertEquals(retried, ProjectGuards.worthRetrying(new GitLabException(kind, 0, "x")));
    }

    @Test
    void retriesTheGuardsOwnTimeoutButNotOtherErrors() {
        assertEquals(true, ProjectGuards.worthRetrying(new TimeoutException()));
        assertEquals(false, ProjectGuards.worthRetrying(new IOException("not mapped")));
    }
}
