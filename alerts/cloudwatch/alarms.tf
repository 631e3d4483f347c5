# EXAMPLE alert source for the bundled handbook (mkdocs.yml: extra.loopbook.alerts), not a real account's
# configuration. HighCPUUtilization, HighALBLatency and SnowflakeQueryFailure are the alarms of the
# handbook's source material, with its thresholds (the latency alarm on TargetResponseTime, in seconds, the
# load balancer's real latency metric, where the source material writes RequestLatency). The other alarm
# names are example names: the source material adds "an alarm to alert on 503 errors" but never names it,
# and it has no healthy-host or agent alarm. The healthy-host alarm takes the settings the runbooks
# recommend; the agent alarm's metric, window and threshold are examples. The resources they point at (the
# EC2 module, the load balancer, the target group) are placeholders that a real module would define. Each
# alarm_description carries the URL of the alarm's page in the handbook (handbook/alerts/<alarm name>/),
# which leads to its runbook: put your own site_url in front of that path.

resource "aws_sns_topic" "alerts" {
  name = "nielseniq-alerts"
}

# Answered by data/runbooks/slow-linux-server.yaml.
resource "aws_cloudwatch_metric_alarm" "high_cpu" {
  alarm_name          = "HighCPUUtilization"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 2
  metric_name         = "CPUUtilization"
  namespace           = "AWS/EC2"
  period              = 300
  statistic           = "Average"
  threshold           = 80
  alarm_description   = "Triggers when EC2 CPU exceeds 80% for 10 minutes. Runbook: https://handbook.example.com/handbook/alerts/HighCPUUtilization/"
  dimensions = {
    InstanceId = module.ec2_instance.instance_id
  }
  alarm_actions = [aws_sns_topic.alerts.arn]
}

# Answered by data/runbooks/alb-503-health-check.yaml. The latency metric of an Application Load Balancer
# is TargetResponseTime, in seconds.
resource "aws_cloudwatch_metric_alarm" "high_alb_latency" {
  alarm_name          = "HighALBLatency"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 2
  metric_name         = "TargetResponseTime"
  namespace           = "AWS/ApplicationELB"
  period              = 300
  statistic           = "Average"
  threshold           = 1
  alarm_description   = "Triggers if ALB latency exceeds 1 second. Runbook: https://handbook.example.com/handbook/alerts/HighALBLatency/"
  dimensions = {
    LoadBalancer = aws_lb.app_alb.arn_suffix
  }
  alarm_actions = [aws_sns_topic.alerts.arn]
}

# Answered by data/runbooks/alb-503-health-check.yaml: 503s that the load balancer itself generates
# (HTTPCode_ELB_503_Count), which mean that the target group had no target to send the request to. The
# alarm name ALB503Errors is an example name: the source material's alarm on 503 errors has none.
resource "aws_cloudwatch_metric_alarm" "alb_503" {
  alarm_name          = "ALB503Errors"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 1
  metric_name         = "HTTPCode_ELB_503_Count"
  namespace           = "AWS/ApplicationELB"
  period              = 60
  statistic           = "Sum"
  threshold           = 0
  treat_missing_data  = "notBreaching"
  alarm_description   = "Triggers when the load balancer answers 503 itself. Runbook: https://handbook.example.com/handbook/alerts/ALB503Errors/"
  dimensions = {
    LoadBalancer = aws_lb.app_alb.arn_suffix
  }
  alarm_actions = [aws_sns_topic.alerts.arn]
}

# Answered by data/runbooks/alb-503-health-check.yaml: the target group has no healthy target left, the
# alarm that runbook and data/runbooks/cloudwatch-alarms-setup.yaml (step 9) recommend instead of one on
# UnHealthyHostCount. Missing data counts as breaching: the load balancer publishes no datapoint when no
# target is registered. The alarm name ALBNoHealthyHosts is an example name.
resource "aws_cloudwatch_metric_alarm" "alb_no_healthy_hosts" {
  alarm_name          = "ALBNoHealthyHosts"
  comparison_operator = "LessThanThreshold"
  evaluation_periods  = 3
  metric_name         = "HealthyHostCount"
  namespace           = "AWS/ApplicationELB"
  period              = 60
  statistic           = "Minimum"
  threshold           = 1
  treat_missing_data  = "breaching"
  alarm_description   = "Triggers when the target group has no healthy target. Runbook: https://handbook.example.com/handbook/alerts/ALBNoHealthyHosts/"
  dimensions = {
    TargetGroup  = aws_lb_target_group.app_tg.arn_suffix
    LoadBalancer = aws_lb.app_alb.arn_suffix
  }
  alarm_actions = [aws_sns_topic.alerts.arn]
}

# Answered by data/runbooks/slow-warehouse-query.yaml: the query-latency alarm fed from query timings.
resource "aws_cloudwatch_metric_alarm" "query_failure" {
  alarm_name          = "SnowflakeQueryFailure"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 1
  metric_name         = "QueryLatency"
  namespace           = "NielsenIQ/Snowflake"
  period              = 300
  statistic           = "Average"
  threshold           = 2000 # 2 seconds
  alarm_description   = "Triggers if Snowflake query latency exceeds 2 seconds. Runbook: https://handbook.example.com/handbook/alerts/SnowflakeQueryFailure/"
  alarm_actions       = [aws_sns_topic.alerts.arn]
}

# Answered by data/runbooks/cloudwatch-alarms-setup.yaml: the monitoring itself has a gap. The CloudWatch
# agent (which, in the source material, collects the instances' system metrics such as CPU and memory) has
# sent no memory metric for 10 minutes, the window of HighCPUUtilization: the agent is stopped, or its
# configuration was replaced (that runbook's step 5), so the agent's metrics and logs no longer arrive.
# The alarm name is an example name; the dimensions must match those the agent's configuration appends,
# and a stopped or terminated instance sets it off too.
resource "aws_cloudwatch_metric_alarm" "cloudwatch_agent_not_reporting" {
  alarm_name          = "CloudWatchAgentNotReporting"
  comparison_operator = "LessThanThreshold"
  evaluation_periods  = 2
  metric_name         = "mem_used_percent"
  namespace           = "CWAgent"
  period              = 300
  statistic           = "SampleCount"
  threshold           = 1
  treat_missing_data  = "breaching"
  alarm_description   = "Triggers when the CloudWatch agent has sent no metric for 10 minutes. Runbook: https://handbook.example.com/handbook/alerts/CloudWatchAgentNotReporting/"
  dimensions = {
    InstanceId = module.ec2_instance.instance_id
  }
  alarm_actions = [aws_sns_topic.alerts.arn]
}
