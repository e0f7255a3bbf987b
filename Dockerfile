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
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s CMD wget -qO- http://localhost:8080/health || exit 1
ENTRYPOINT ["java", "-jar", "/opt/ruche/ruche.jar"]
