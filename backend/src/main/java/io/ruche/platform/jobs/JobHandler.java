package io.ruche.platform.jobs;

/** Runs one kind of job. Throwing means "try again later"; the queue backs off and keeps the job. */
public interface JobHandler {

    String kind();

    void run(String payload) throws Exception;
}
