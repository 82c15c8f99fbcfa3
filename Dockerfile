# Built where a Docker engine exists (not on the development machines): ./mvnw -DskipTests package first.
FROM eclipse-temurin:17-jre
COPY api-web/target/opsledger.jar /opt/opsledger/opsledger.jar
ENV PORT=8080 OPSLEDGER_DATA=/data
EXPOSE 8080
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /opt/opsledger/opsledger.jar --server.port=$PORT"]
