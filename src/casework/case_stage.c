/*
 * case_stage.c - a case's stage from its corrected view (see
 * case_stage.h).
 */
#include "case_stage.h"

genop_case_stage casework_case_stage(const genop_case *view)
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
            complaint = ev;
            settled = false;
            break;
        case GENOP_EV_COMPLAINT_DECIDED:
            if (complaint && ev->upheld == GENOP_UPHELD_FULL)
                settled = true;
            break;
        case GENOP_EV_SESSION:
            trained = trained || (decision && genop_session_counts(ev));
            break;
        default:
            break;
        }
    }
    if (!decision)
        return GENOP_STAGE_REFERRED;
    if (complaint && !settled)
        return GENOP_STAGE_COMPLAINT;
    if (!decision->granted)
        return GENOP_STAGE_REFUSED;
    return trained ? GENOP_STAGE_TRAINING : GENOP_STAGE_GRANTED;
}
