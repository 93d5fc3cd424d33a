/*
 * service.c - the in-process API of service.h.
 *
 * A service is a genop_app (app.c, exactly as `genop serve` builds it)
 * whose pool has one store handle. service_call() makes an in-process
 * http_request of the method and target (http.c: no connection, the query
 * arguments decoded from the target), hands it with the user and a
 * private copy of the body to router_call(), and passes the reply's status
 * and JSON on to the caller. Headers of the reply (Set-Cookie, Location,
 * Allow) are dropped: in-process callers have no use for them.
 *
 * Setting up users goes through the same pieces as `genop user add`: the
 * password rules and hash of auth.c, the store's user_add.
 */
#include "service.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "auth.h"
#include "http.h"
#include "problem.h"
#include "router.h"
#include "session.h"

struct genop_service {
    genop_app app;           /* its pool holds the service's one store handle */
};

genop_err service_open(const char *location, genop_service **out, genop_error *e)
{
    genop_service *svc = calloc(1, sizeof *svc);
    if (!svc)
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse");
    json_object_seed(0);     /* as server.c does; harmless once seeded */
    genop_err err = auth_init(e);
    if (!err)
        err = app_open(&svc->app, location, 1, e);
    if (err) {
        service_close(svc);
        return err;
    }
    *out = svc;
    return GENOP_OK;
}

void service_fail_store_from(genop_service *svc, long n)
{
    genop_store *s = store_pool_acquire(svc->app.pool);    /* the only handle */
    genop_store_fail_from(s, n);
    store_pool_release(svc->app.pool, s);
    commit_queue_fail_from(svc->app.writes, n);
}

void service_close(genop_service *svc)
{
    if (!svc)
        return;
    app_release(&svc->app);
    free(svc);
}

genop_err service_call(genop_service *svc, const genop_user *as_user, const char *method,
                       const char *path, const json_t *body, unsigned *status, json_t **reply)
{
    http_reply out = {0};
    http_request *rq = NULL;
    json_t *copy = NULL;
    genop_error e;
    genop_err err = http_request_local_new(method, path, &rq, &e);
    if (!err && body && !(copy = json_deep_copy(body)))
        err = genop_fail(&e, GENOP_ENOMEM, "ikke nok hukommelse til forespørgslens indhold");
    if (err == GENOP_EINVAL)
        problem_setf(&out, 400, PROBLEM_BAD_REQUEST, NULL, "Forespørgslen kan ikke laves: %s",
                     e.message);
    else if (err)
        problem_internal(&out, "intern forespørgsel", &e);
    else
        router_call(&svc->app, as_user, rq, copy, &out);
    json_decref(copy);
    http_request_local_free(rq);
    *status = out.status;
    if (out.text)             /* a handler that wrote its answer as text */
        out.body = json_loadb(out.text, out.text_len, 0, NULL);
    free(out.text);
    *reply = out.body;        /* ownership passes to the caller */
    if (err == GENOP_ENOMEM)
        return err;
    return out.status >= 200 && out.status < 300 ? GENOP_OK : GENOP_EINVAL;
}

const genop_standard *service_standard(const genop_service *svc, const char *id)
{
    return app_standard(&svc->app, id);
}

genop_err service_municipality_ensure(genop_service *svc, const genop_standard *std,
                                      genop_error *e)
{
    genop_store *s = store_pool_acquire(svc->app.pool);
    genop_err err = genop_store_municipality_ensure(s, std->id, std->municipality_code,
                                                    std->municipality, e);
    store_pool_release(svc->app.pool, s);
    return err;
}

genop_err service_user_add(genop_service *svc, genop_user *u, const char *password,
                           genop_error *e)
{
    genop_store *s = store_pool_acquire(svc->app.pool);
    genop_err err = casework_user_add(s, u, password, e);
    store_pool_release(svc->app.pool, s);
    return err;
}

genop_err service_user(genop_service *svc, const char *username, genop_user *out,
                       genop_error *e)
{
    genop_user_auth ua;
    genop_store *s = store_pool_acquire(svc->app.pool);
    genop_err err = genop_store_user_auth_get(s, username, &ua, e);
    store_pool_release(svc->app.pool, s);
    if (!err)
        *out = ua.user;
    memset(&ua, 0, sizeof ua);   /* the password hash goes no further */
    return err;
}
