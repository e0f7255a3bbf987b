# Build: the Maven Wrapper builds the front end (Node comes from the npm registry) and the runnable jar.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q package -DskipTests

# Run: a plain JRE and the jar. Data (embedded database when no server is configured) lives in /data.
FROM eclipse-temurin:17-jre
RUN useradd --system --create-home --home-dir /home/ruche ruche && mkdir -p /data && chown ruche /data
USER ruche
WORKDIR /home/ruche
COPY --from=build /src/backend/target/ruche.jar /opt/ruche/ruche.jar
ENV RUCHE_DATA_DIR=/data MICRONAUT_SERVER_PORT=8080
# Memory: the heap takes half of the container's limit and the JVM returns what it does not use, so a node stays
# near its live set (about 50-100 MB) plus caches. With the embedded MariaDB (no DATASOURCES_DEFAULT_URL), its
# buffer pool (RUCHE_EMBEDDED_DB_BUFFER_POOL, 512M) comes on top: give the container at least 1.5 GB then.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=50 -XX:+UseG1GC -XX:G1PeriodicGCInterval=60000 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080
# Liveness only: a database outage makes the node answer 503 (see /health/readiness) but does not call for a restart.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s CMD wget -qO- http://localhost:8080/health/liveness || exit 1
ENTRYPOINT ["java", "-jar", "/opt/ruche/ruche.jar"]
