// Every handler of the service, by resource, one file each; the route table
// (server/api/routes.cpp) says which method and path reach which.
#pragma once

#include "server/api/api_call.h"

namespace tongban::server::handlers {

// sessions.cpp
ApiResponse signIn(ApiCall& call);
ApiResponse signOut(ApiCall& call);
ApiResponse me(ApiCall& call);

// health.cpp
ApiResponse health(ApiCall& call);
ApiResponse metrics(ApiCall& call);

// catalogue.cpp
ApiResponse catalogue(ApiCall& call);
ApiResponse definitions(ApiCall& call);
ApiResponse definition(ApiCall& call);
ApiResponse publishDefinition(ApiCall& call);

// cases.cpp
ApiResponse queryCases(ApiCall& call);
ApiResponse getCase(ApiCall& call);
ApiResponse createCase(ApiCall& call);
ApiResponse postCommands(ApiCall& call);

// events.cpp
ApiResponse events(ApiCall& call);

// inbox.cpp
ApiResponse inbox(ApiCall& call);

// directory.cpp
ApiResponse users(ApiCall& call);
ApiResponse saveUser(ApiCall& call);
ApiResponse setUserPassword(ApiCall& call);
ApiResponse departments(ApiCall& call);
ApiResponse saveDepartment(ApiCall& call);

// evaluations.cpp
ApiResponse recordEvaluation(ApiCall& call);
ApiResponse caseEvaluations(ApiCall& call);
ApiResponse openRectification(ApiCall& call);
ApiResponse rectificationStep(ApiCall& call);
ApiResponse decideAppeal(ApiCall& call);

// reports.cpp
ApiResponse makeReport(ApiCall& call);

} // namespace tongban::server::handlers
