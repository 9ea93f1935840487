using './main.bicep'

param environmentName = 'prod'
param instanceMemoryMB = 2048
param maximumInstanceCount = 100
param alertEmail = 'ops@example.org'
param pollSchedule = '0 */15 * * * *'
param scheduleDigestsSchedule = '0 */15 * * * *'
param sendGridWebhookPublicKey = ''
param sendGridFromEmail = 'alerts@example.org'
param publicBaseUrl = ''
param adminJwtAuthority = ''
param adminJwtAudience = ''
param adminJwtRequiredRole = ''
param enableKeyVaultPurgeProtection = true
