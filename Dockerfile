# One image recipe for both hosts: docker build --build-arg APP=Silo|ApiHost .
# The ApiHost image holds the silo too: alone it runs co-hosted (its default, Leadline__Topology=cohosted);
# docker-compose.yml runs it as the client of the Silo containers (Leadline__Topology=client).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG APP
WORKDIR /src
COPY . .
RUN dotnet publish src/${APP}/Leadline.${APP}.csproj -c Release -o /app && echo "Leadline.${APP}.dll" > /app/entry

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENTRYPOINT ["sh", "-c", "exec dotnet $(cat /app/entry) \"$@\"", "--"]
