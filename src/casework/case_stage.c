/*
 * case_stage.c - a case's stage from its corrected view (see
 * case_stage.h).
 */
#include "case_stage.h"

#include "complaint_routes.h"

const genop_event *casework_case_remitted(const genop_case *view)
{
    const genop_event *latest = NULL;
    for (size_t i = 0; i < view->n_events; i++) {
        const genop_event *ev = &view->events[i];
        if (ev->type == GENOP_EV_DECISION || ev->type == GENOP_EV_APPEAL_DECIDED)
            latest = ev;
    }
    return latest && latest->type == GENOP_EV_APPEAL_DECIDED &&
                   latest->appeal == GENOP_APPEAL_REMITTED ? latest : NULL;
}

genop_case_stage casework_case_stage_under(const genop_case *view, const genop_standard *std)
{
    const genop_event *decision = NULL, *complaint = NULL;
    bool settled = false, trained = false;
    for (size_t i = 0; i < view->n_events; i++) {
        const genop_event *ev = &view->events[i];
        switch (ev->type) {
        case GENOP_EV_CLOSED:
            return GENOP_STAGE_CLOSED;
        case GENOP_EV_DECISION:
            decision = ev;              /* a complaint before it is answered */
            trained = false;
            complaint = NULL;
            break;
        case GENOP_EV_COMPLAINT_RECEIVED:
            if (!std || genop_complaint_reconsidered(std, ev)) {
                complaint = ev;
                settled = false;
            }
            break;
        case GENOP_EV_COMPLAINT_DECIDED:    /* upheld in full */
        case GENOP_EV_APPEAL_DECIDED:       /* Ankestyrelsen upheld the decision */
            if (complaint && (ev->type == GENOP_EV_COMPLAINT_DECIDED
                                  ? ev->upheld == GENOP_UPHELD_FULL
                                  : ev->appeal == GENOP_APPEAL_UPHELD))
                settled = true;
            break;
        case GENOP_EV_SESSION:
            trained = trained || (decision && genop_session_counts(ev));
            break;
        default:
            break;
        }
    }
    if (!decision || casework_case_remitted(view))
        return GENOP_STAGE_REFERRED;
    if (complaint && !settled)
        return GENOP_STAGE_COMPLAINT;
    if (!decision->granted)
        return GENOP_STAGE_REFUSED;
    return trained ? GENOP_STAGE_TRAINING : GENOP_STAGE_GRANTED;
}

genop_case_stage casework_case_stage(const genop_case *view)
{
    return casework_case_stage_under(view, NULL);
}
