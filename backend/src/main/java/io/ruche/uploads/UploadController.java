package io.ruche.uploads;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.ruche.accounts.Viewer;
import io.ruche.platform.Problems;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Uploads in and out. Served from their random key with their cleaned type; an image inline, anything else always
 * as a download; never sniffed, never run (a sandboxing Content-Security-Policy on every answer).
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class UploadController {

    private final Uploads uploads;

    public UploadController(Uploads uploads) {
        this.uploads = uploads;
    }

    @Serdeable
    public record AvatarView(String avatarUrl) {
    }

    @Post(uri = "/api/v1/uploads", consumes = MediaType.MULTIPART_FORM_DATA)
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public HttpResponse<Uploads.UploadView> upload(Viewer viewer, @Part("file") CompletedFileUpload file)
            throws IOException {
        return HttpResponse.created(uploads.upload(viewer, file.getFilename() == null ? "file" : file.getFilename(),
                file.getBytes()));
    }

    @Get("/api/v1/uploads/allowance")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public Uploads.Allowance allowance(Viewer viewer) {
        return uploads.allowance(viewer);
    }

    @Put(uri = "/api/v1/account/avatar", consumes = MediaType.MULTIPART_FORM_DATA)
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public AvatarView avatar(Viewer viewer, @Part("file") CompletedFileUpload file) throws IOException {
        return new AvatarView("/uploads/" + uploads.avatar(viewer, file.getBytes()) + "/avatar.png");
    }

    @Delete("/api/v1/account/avatar")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public HttpResponse<Void> removeAvatar(Viewer viewer) {
        uploads.removeAvatar(viewer);
        return HttpResponse.noContent();
    }

    @Get("/uploads/{key}/{name}")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<byte[]> serve(@PathVariable String key, @PathVariable String name) {
        return served(key, false);
    }

    @Get("/uploads/{key}/t/{name}")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<byte[]> thumbnail(@PathVariable String key, @PathVariable String name) {
        return served(key, true);
    }

    @Get("/api/v1/admin/uploads")
    @Secured("admin")
    public Uploads.Limits limits() {
        return uploads.limits();
    }

    @Put("/api/v1/admin/uploads")
    @Secured("admin")
    public Uploads.Limits saveLimits(@Body Uploads.Limits body) {
        return uploads.saveLimits(body);
    }

    private HttpResponse<byte[]> served(String key, boolean thumbnail) {
        Uploads.Served served = uploads.serve(key, thumbnail).orElseThrow(() -> Problems.notFound("upload"));
        String encoded = URLEncoder.encode(served.fileName(), StandardCharsets.UTF_8).replace("+", "%20");
        return HttpResponse.<byte[]>status(HttpStatus.OK).body(served.bytes())
                .contentType(served.image() ? served.contentType() : "application/octet-stream")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .header("Content-Disposition", (served.image() ? "inline" : "attachment")
                        + "; filename=\"" + served.fileName() + "\"; filename*=UTF-8''" + encoded)
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=31536000, immutable");
    }
}
