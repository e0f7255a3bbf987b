package io.ruche.accounts;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.Valid;

import java.util.List;

/** Member groups: administrators only. */
@Controller("/api/v1/groups")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("admin")
public class GroupController {

    private final GroupService groups;

    public GroupController(GroupService groups) {
        this.groups = groups;
    }

    @Get
    public List<AccountViews.Group> list() {
        return groups.list();
    }

    @Post
    public HttpResponse<AccountViews.Group> create(@Body @Valid AccountRequests.CreateGroup body) {
        return HttpResponse.status(HttpStatus.CREATED).body(groups.create(body));
    }

    @Delete("/{id}")
    public HttpResponse<?> delete(long id) {
        groups.delete(id);
        return HttpResponse.noContent();
    }

    @Get("/{id}/members")
    public List<AccountViews.GroupMember> members(long id) {
        return groups.members(id);
    }

    @Put("/{id}/members/{username}")
    public HttpResponse<?> addMember(long id, String username) {
        groups.addMember(id, username);
        return HttpResponse.noContent();
    }

    @Delete("/{id}/members/{username}")
    public HttpResponse<?> removeMember(long id, String username) {
        groups.removeMember(id, username);
        return HttpResponse.noContent();
    }
}
