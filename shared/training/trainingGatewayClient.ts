/**
 * The gateway client that training mode's sandbox knows, and that a workstation in training mode logs in with
 * (POST /v1/oauth/token, client credentials). Test material like the training key password: never a production secret.
 */
export const TRAINING_GATEWAY_CLIENT = { clientId: 'qabyl-training', clientSecret: 'qabyl-training-secret' } as const;
