package com.aigcaudio.submit;

/** What {@link ClaimGuard} runs under a claim, in order: admit, then send, or abandon when it cannot send. */
interface GuardedAttempt {
    /** Null when the request may be sent; otherwise the outcome, and nothing is sent. */
    TaskOutcome admit();

    /** Sends the request (once). */
    TaskOutcome send();

    /** Admitted but never sent: undo what admission took. */
    void abandon();
}
