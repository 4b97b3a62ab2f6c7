# syntax=docker/dockerfile:1
#
# ngantor: one static binary (CGO off; SQLite is modernc.org/sqlite, pure Go)
# in a distroless image with no shell, running as uid 65532.
#
#   docker build --build-arg VERSION=$(git describe --tags --always) \
#                --build-arg COMMIT=$(git rev-parse HEAD) -t ngantor .
#   docker run --rm -p 8080:8080 ngantor           # dev mode: demo kabupaten, SQLite, in-process Redis
#   docker run --rm ngantor version
#
# In Kubernetes the chart picks the subcommand (serve, worker, scheduler,
# migrate up) through args and sets the production environment.

ARG GO_VERSION=1.26

# The builder runs on the build machine's platform and cross-compiles, so a
# multi-arch build (docker buildx --platform linux/amd64,linux/arm64) needs no
# emulation.
FROM --platform=$BUILDPLATFORM golang:${GO_VERSION} AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod \
    go mod download
COPY . .
ARG TARGETOS
ARG TARGETARCH
ARG VERSION=dev
ARG COMMIT=unknown
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 GOOS=${TARGETOS} GOARCH=${TARGETARCH} \
    go build -trimpath -buildvcs=false \
      -ldflags "-s -w -X main.version=${VERSION} -X main.commit=${COMMIT}" \
      -o /out/ngantor ./cmd/ngantor \
 && mkdir -p /out/data

# distroless/static: CA certificates, tzdata, /etc/passwd with the nonroot
# user, and nothing else. Pin it by digest in a release pipeline.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/ngantor /ngantor
# A writable data folder for dev mode (SQLite file, local blobs). In the
# chart the root filesystem is read-only and blobs go to S3 or a volume.
COPY --from=build --chown=65532:65532 /out/data /var/lib/ngantor
ENV NGANTOR_DATA_DIR=/var/lib/ngantor \
    NGANTOR_HTTP_ADDR=0.0.0.0:8080
USER 65532:65532
EXPOSE 8080 8081
ENTRYPOINT ["/ngantor"]
