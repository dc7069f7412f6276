"""Web actions on the goal: recording who has heard it (Today's "told them")."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from netlife.core.errors import NetlifeError
from netlife.core.http import NetworkRequest
from netlife.goals import services
from netlife.interactions.views import person_or_404, safe_next


@require_POST
def told(request: NetworkRequest, person_id: int) -> HttpResponseRedirect:
    person = person_or_404(request.network, str(person_id))
    next_url = safe_next(request, reverse("relationships:today"))
    try:
        fresh = services.mark_told(request.network, [person])
    except NetlifeError as exc:
        messages.error(request, str(exc))
    else:
        if fresh:
            messages.success(request, f"{person.full_name} knows your goal now.")
        else:
            messages.info(request, f"{person.full_name} already knew your goal.")
    return HttpResponseRedirect(next_url)
