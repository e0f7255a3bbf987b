package io.ruche.platform.jobs;

/** Runs one kind of job. Throwing means "try again later"; the queue backs off and keeps the job. */
public interface JobHandler {

    String kind();

    void run(String payload) throws Exception;

    /** Called once when the queue stops retrying a job (it stays in the table until an admin retries it). */
    default void gaveUp(String payload, String error) {
    }
}
