/** `GET /account-info/v3/details`: what a client calls to prove its token works and learn the portal id. */
import type { Route } from "./router";

export const accountRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/account-info/v3/details",
    handler: (context) => ({
      status: 200,
      body: {
        portalId: context.portalId,
        accountType: "STANDARD",
        timeZone: "UTC",
        companyCurrency: "USD",
        additionalCurrencies: [],
        utcOffset: "+00:00",
        utcOffsetMilliseconds: 0,
        uiDomain: "app.hubspot.com",
        dataHostingLocation: "na1",
      },
    }),
  },
];
